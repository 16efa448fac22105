"""The provisions matrix in the database: the three states kept apart, a value only where
the text states one, one cell per agreement and provision, a citation backing one fact."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from provisions.models import AgreementProvision, Provision
from provisions.services import agreement_provision_save
from sources.models import Citation
from tests.factories import AgreementFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def provisions():
    return {
        "yes_no": Provision.objects.create(
            slug="termination", name="Termination", question="?", value_type="yes_no"
        ),
        "number": Provision.objects.create(
            slug="notice", name="Notice", question="?", value_type="number", unit="months"
        ),
        "choice": Provision.objects.create(
            slug="nato", name="NATO", question="?", value_type="choice", choices=["ends", "to-be-reviewed"]
        ),
        "text": Provision.objects.create(slug="trigger", name="Trigger", question="?", value_type="text"),
    }


def refused(**values):
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementProvision.objects.create(**values)


def test_only_a_stated_answer_carries_a_value(provisions):
    agreement = AgreementFactory()
    for answer in ("no", "not_stated", "not_public"):
        refused(agreement=agreement, provision=provisions["number"], answer=answer, number=3)
        refused(agreement=agreement, provision=provisions["choice"], answer=answer, choice="ends")
        refused(agreement=agreement, provision=provisions["text"], answer=answer, text="attack")


def test_only_an_answer_the_text_gives_has_a_passage(provisions):
    agreement = AgreementFactory()
    for answer in ("not_stated", "not_public"):
        refused(agreement=agreement, provision=provisions["yes_no"], answer=answer, passage="A sentence.")
    AgreementProvision.objects.create(
        agreement=agreement, provision=provisions["yes_no"], answer="no", passage="It cannot be terminated."
    )


def test_unknown_answer_and_side_are_refused(provisions):
    agreement = AgreementFactory()
    refused(agreement=agreement, provision=provisions["yes_no"], answer="maybe")
    refused(agreement=agreement, provision=provisions["yes_no"], answer="yes", binds="nobody")


def test_one_cell_per_agreement_and_provision(provisions):
    agreement = AgreementFactory()
    AgreementProvision.objects.create(agreement=agreement, provision=provisions["yes_no"], answer="yes")
    refused(agreement=agreement, provision=provisions["yes_no"], answer="not_stated")


def test_not_stated_no_and_uncoded_are_three_states(provisions):
    silent, says_no, uncoded = AgreementFactory(), AgreementFactory(), AgreementFactory()
    AgreementProvision.objects.create(agreement=silent, provision=provisions["yes_no"], answer="not_stated")
    AgreementProvision.objects.create(agreement=says_no, provision=provisions["yes_no"], answer="no")
    cells = AgreementProvision.objects.filter(provision=provisions["yes_no"])
    assert {c.agreement_id: c.answer for c in cells} == {silent.pk: "not_stated", says_no.pk: "no"}
    assert not cells.filter(agreement=uncoded).exists()


def test_a_catalogue_entry_lists_choices_only_for_a_choice_provision():
    with pytest.raises(IntegrityError), transaction.atomic():
        Provision.objects.create(slug="x", name="X", question="?", value_type="yes_no", choices=["a"])


@pytest.mark.parametrize(
    "kind, values, field",
    [
        ("choice", {"choice": "joins"}, "choice"),
        ("choice", {"choice": ""}, "choice"),
        ("yes_no", {"choice": "ends"}, "choice"),
        ("yes_no", {"number": 3}, "number"),
        ("number", {"text": "three"}, "text"),
        ("text", {}, "text"),
    ],
)
def test_the_service_refuses_a_value_that_does_not_fit_the_provision(provisions, kind, values, field):
    cell = AgreementProvision(
        agreement=AgreementFactory(), provision=provisions[kind], answer="yes", **values
    )
    with pytest.raises(ValidationError) as error:
        agreement_provision_save(cell=cell)
    assert field in error.value.message_dict
    assert not AgreementProvision.objects.exists()


def test_a_citation_backs_a_cell_and_nothing_else(provisions):
    agreement = AgreementFactory()
    cell = AgreementProvision.objects.create(
        agreement=agreement, provision=provisions["yes_no"], answer="yes"
    )
    source = SourceFactory(kind="text")
    citation = Citation.objects.create(source=source, quote="It may be terminated.", agreement_provision=cell)
    assert citation.fact == cell and citation.fact_kind == "agreement provision"
    assert citation.fact_url == cell.get_absolute_url()
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(source=source, quote="Both.", agreement_provision=cell, agreement=agreement)
