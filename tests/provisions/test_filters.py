"""The provision filter, on the agreements list and the matrix: for every provision and
every value the shipped cells hold, exactly the agreements whose cell holds it; bad input
is a 400 naming the problem, never a 500 or a silently wider list."""

import pytest
from django.urls import reverse

from agreements.filters import AgreementFilter
from agreements.models import Agreement
from provisions.models import AgreementProvision, Provision

pytestmark = pytest.mark.usefixtures("seeded")


def filtered(condition: str) -> set[str]:
    f = AgreementFilter({"provision": condition}, queryset=Agreement.objects.all())
    assert f.is_valid(), f.errors
    return set(f.qs.values_list("slug", flat=True))


def cells_holding(provision, value) -> set[str]:
    cells = AgreementProvision.objects.filter(provision=provision)
    if value in ("yes", "no", "not_stated", "not_public"):
        cells = cells.filter(answer=value)
    else:
        cells = cells.filter(answer="yes", choice=value)
    return set(cells.values_list("agreement__slug", flat=True))


def test_every_provision_and_value_narrows_to_exactly_its_agreements():
    checked = 0
    for provision in Provision.objects.all():
        for value in ("yes", "no", "not_stated", "not_public", *provision.choices):
            assert filtered(f"{provision.slug}:{value}") == cells_holding(provision, value), (
                provision,
                value,
            )
            checked += 1
        coded = set(
            AgreementProvision.objects.filter(provision=provision).values_list("agreement__slug", flat=True)
        )
        assert (
            filtered(f"{provision.slug}:uncoded")
            == set(Agreement.objects.values_list("slug", flat=True)) - coded
        )
    assert checked > 150


def test_values_of_one_provision_are_alternatives_and_provisions_all_apply():
    either = filtered("termination-possible:no,not_stated")
    assert either == filtered("termination-possible:no") | filtered("termination-possible:not_stated")
    both = filtered("termination-possible:yes sum-first-year:not_stated")
    assert both == filtered("termination-possible:yes") & filtered("sum-first-year:not_stated")
    assert both


def test_a_number_matches_the_stated_figure():
    assert filtered("consultations-deadline-hours:24") == cells_holding(
        Provision.objects.get(slug="consultations-deadline-hours"), "yes"
    ) - set(
        AgreementProvision.objects.filter(provision__slug="consultations-deadline-hours")
        .exclude(number=24)
        .values_list("agreement__slug", flat=True)
    )


def test_the_analysts_questions():
    def partners(condition):
        return {s.removeprefix("ukraine-").removesuffix("-security-agreement") for s in filtered(condition)}

    assert partners("termination-possible:no,not_stated") == {"sweden", "european-union"}
    assert partners("consultations-deadline-hours:no,not_stated") == {"croatia"}
    assert partners("legal-nature:political,non-normative") == {"spain", "portugal"}
    assert "united-states" in partners("sum-first-year:not_stated")


@pytest.mark.parametrize(
    "value",
    [
        "bogus:yes",
        "termination-possible:maybe",
        "termination-possible",
        "termination-possible:",
        ":yes",
        "a" * 500,
    ],
)
@pytest.mark.parametrize(
    "page", ["agreements:agreement-list", "agreements:agreement-export", "provisions:matrix"]
)
def test_bad_conditions_are_a_400_that_says_why(client, page, value):
    response = client.get(reverse(page), {"provision": value})
    assert response.status_code == 400
    assert "rovision" in response.content.decode()


def test_the_list_page_and_the_matrix_show_the_same_agreements(client):
    condition = "sum-first-year:no,not_stated"
    expected = filtered(condition)
    for page in ("agreements:agreement-list", "provisions:matrix"):
        html = client.get(reverse(page), {"provision": condition}).content.decode()
        shown = {
            slug
            for slug in Agreement.objects.values_list("slug", flat=True)
            if f"/agreements/{slug}/" in html
        }
        assert shown == expected, page
