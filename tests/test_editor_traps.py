"""Editors' traps in the admin (issue 10, defect 7), through the real admin views."""

from decimal import Decimal

import pytest
from django.contrib.messages import WARNING
from django.urls import reverse

from agreements.models import Milestone
from pledges.models import Pledge
from pledges.services import pledge_save
from quality import checks
from tests.admin_forms import add_inline_row, change_form_data
from tests.factories import (
    AgreementFactory,
    AreaFactory,
    PartyFactory,
    PersonFactory,
    PledgeFactory,
    ProgrammeFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

PLEDGE_ADD = reverse("admin:pledges_pledge_add")


def pledge_form(client, **fields):
    data = change_form_data(client.get(PLEDGE_ADD))
    data.update(category="military", status="announced", amount_qualifier="exact")
    data.update(announced_on="2024-02-01", announced_precision="day")
    data.update({name: getattr(value, "pk", value) for name, value in fields.items()})
    return data


def warnings(response):
    return [str(m) for m in response.context["messages"] if m.level == WARNING]


@pytest.mark.parametrize("typed", ["usd", " usd ", "Usd", " U S D "])
def test_a_lowercase_or_spaced_currency_is_accepted_and_stored_upper_case(client, editor, typed):
    data = pledge_form(
        client, donor=PartyFactory(), recipient=PartyFactory(), amount="5000000", currency=typed
    )
    response = client.post(PLEDGE_ADD, data)
    assert response.status_code == 302, response.context["errors"]
    assert Pledge.objects.get().currency == "USD"


def test_a_currency_that_is_no_code_says_so_and_saves_nothing(client, editor):
    data = pledge_form(client, donor=PartyFactory(), recipient=PartyFactory(), amount="5", currency="usx")
    response = client.post(PLEDGE_ADD, data)
    assert response.status_code == 200
    assert "&#x27;USX&#x27; is not an ISO 4217 currency code" in response.text
    assert "needs its currency" not in response.text
    assert not Pledge.objects.exists()


# Every box that looks records up by name: (model admin, source field, factory, name field).
AUTOCOMPLETES = [
    ("pledges", "pledge", "recipient", PartyFactory, "name"),
    ("pledges", "pledge", "programme", ProgrammeFactory, "name"),
    ("pledges", "pledge", "agreement", AgreementFactory, "title"),
    ("donors", "person", "country", PartyFactory, "name"),
    ("agreements", "signatory", "person", PersonFactory, "name"),
]


@pytest.mark.parametrize(("app", "model", "field", "factory", "name"), AUTOCOMPLETES)
@pytest.mark.parametrize("term", ["Ukraine", "ukraine", " UKRAINE "])
def test_autocomplete_lists_exact_then_prefix_then_contains(
    client, editor, app, model, field, factory, name, term
):
    contains = [factory(**{name: "LUkraine asbl"}), factory(**{name: "Aid for Ukraine"})]
    prefix = factory(**{name: "Ukraine Defence Fund"})
    exact = factory(**{name: "Ukraine"})
    params = {"term": term, "app_label": app, "model_name": model, "field_name": field}
    response = client.get(reverse("admin:autocomplete"), params)
    ids = [int(row["id"]) for row in response.json()["results"]]
    assert ids[:2] == [exact.pk, prefix.pk]
    assert sorted(ids[2:]) == sorted(c.pk for c in contains)


def test_a_party_is_found_first_by_its_exact_iso_code_or_slug(client, editor):
    PartyFactory(name="Seychelles", slug="seychelles", iso_code="SC")
    sweden = PartyFactory(name="Sweden", slug="se", iso_code="SE")
    params = {"app_label": "pledges", "model_name": "pledge", "field_name": "donor"}
    for term in ("se", "SE"):
        response = client.get(reverse("admin:autocomplete"), {**params, "term": term})
        assert int(response.json()["results"][0]["id"]) == sweden.pk


def test_area_search_ranks_too(client, editor):
    AreaFactory(name="Naval air defence")
    exact = AreaFactory(name="Air defence")
    response = client.get(reverse("admin:agreements_area_changelist"), {"q": "air defence"})
    assert [a.pk for a in response.context["cl"].queryset][0] == exact.pk


def test_part_of_a_pledge_by_another_donor_is_refused(client, editor):
    whole = PledgeFactory()
    data = pledge_form(client, donor=PartyFactory(), recipient=whole.recipient, part_of=whole, amount="1")
    data["currency"] = "EUR"
    response = client.post(PLEDGE_ADD, data)
    assert response.status_code == 200
    assert "A pledge can only be a share of one by the same donor" in response.text, response.context[
        "errors"
    ]
    assert Pledge.objects.count() == 1


def test_a_pledge_cannot_be_part_of_its_own_share(client, editor):
    whole = PledgeFactory()
    share = PledgeFactory(donor=whole.donor, part_of=whole)
    url = reverse("admin:pledges_pledge_change", args=[whole.pk])
    data = change_form_data(client.get(url))
    data["part_of"] = share.pk
    response = client.post(url, data)
    assert "cannot be a share of itself or of its own shares" in response.text
    whole.refresh_from_db()
    assert whole.part_of is None


def test_saving_a_pledge_without_a_citation_warns_and_links_to_the_citation_box(client, editor):
    data = pledge_form(client, donor=PartyFactory(), recipient=PartyFactory(), amount="5", currency="EUR")
    response = client.post(PLEDGE_ADD, data, follow=True)
    pledge = Pledge.objects.get()  # saved all the same
    change_url = reverse("admin:pledges_pledge_change", args=[pledge.pk])
    (warning,) = warnings(response)
    assert f'Pledge "{pledge}" has no citation yet' in warning
    assert f'href="{change_url}#citations-group"' in warning
    assert 'id="citations-group"' in client.get(change_url).text


def test_saving_a_pledge_with_its_citation_gives_no_warning(client, editor):
    data = pledge_form(client, donor=PartyFactory(), recipient=PartyFactory(), amount="5", currency="EUR")
    data.update({"citations-0-source": SourceFactory().pk, "citations-0-quote": "It pledged 5 euros."})
    response = client.post(PLEDGE_ADD, data, follow=True)
    assert Pledge.objects.get().citations.count() == 1
    assert warnings(response) == []


def test_a_milestone_added_on_the_agreement_page_without_a_citation_is_named_at_save(client, editor):
    agreement = AgreementFactory()
    agreement.citations.create(source=SourceFactory(), quote="The agreement.")
    url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    data = change_form_data(client.get(url))
    add_inline_row(
        data, "milestones", kind="signed", date="2024-03-01", date_precision="day", is_preferred="on"
    )
    response = client.post(url, data, follow=True)
    milestone = Milestone.objects.get()
    milestone_url = reverse("admin:agreements_milestone_change", args=[milestone.pk])
    (warning,) = warnings(response)
    assert f'Milestone "{milestone}" has no citation yet' in warning
    assert f'href="{milestone_url}#citations-group"' in warning


@pytest.mark.parametrize(("linked", "total"), [(True, Decimal("7e9")), (False, Decimal("8.2e9"))])
def test_a_package_inside_a_larger_pledge_counts_once_when_linked_and_is_warned_of_if_not(
    client, editor, linked, total
):
    sweden, agreement = PartyFactory(name="Sweden"), AgreementFactory()
    whole = PledgeFactory.build(
        donor=sweden, recipient=PartyFactory(), agreement=agreement, amount=Decimal("7e9"), purpose="2024"
    )
    pledge_save(pledge=whole)  # converted to euros, as the admin does
    data = pledge_form(
        client,
        donor=sweden,
        recipient=whole.recipient,
        agreement=agreement,
        amount="1200000000",
        currency="EUR",
        purpose="air defence package",
        part_of=whole if linked else "",
    )
    assert "part_of" in data  # the form has the field
    response = client.post(PLEDGE_ADD, data, follow=True)
    package = Pledge.objects.get(purpose="air defence package")  # saved either way
    assert package.part_of == (whole if linked else None)
    assert Pledge.objects.filter(donor=sweden).total_eur() == total
    overlap = [w for w in warnings(response) if "Overlaps" in w]
    assert overlap == ([] if linked else [f"This pledge: {checks.overlap_problem(whole)}"])


def test_every_pledge_form_has_the_part_of_box(client, editor):
    assert 'name="part_of"' in client.get(PLEDGE_ADD).text
    agreement_page = client.get(reverse("admin:agreements_agreement_change", args=[AgreementFactory().pk]))
    assert 'name="pledges-__prefix__-part_of"' in agreement_page.text


def test_saving_a_party_gives_no_citation_warning_a_party_is_an_entity(client, editor):
    party = PartyFactory()
    url = reverse("admin:donors_party_change", args=[party.pk])
    response = client.post(url, change_form_data(client.get(url)), follow=True)
    assert response.status_code == 200 and warnings(response) == []
