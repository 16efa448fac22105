import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.partial_dates import format_partial_date, normalise_partial_date
from tests.factories import AgreementFactory, MilestoneFactory, SourceFactory


def test_format_at_each_precision():
    date = datetime.date(2024, 3, 1)
    assert format_partial_date(date, "day") == "1 March 2024"
    assert format_partial_date(date, "month") == "March 2024"
    assert format_partial_date(date, "year") == "2024"
    assert format_partial_date(None, "") == ""


def test_normalise_moves_partial_dates_to_the_first():
    assert normalise_partial_date(
        datetime.date(2024, 3, 17), "month", date_field="d", precision_field="p"
    ) == (
        datetime.date(2024, 3, 1),
        "month",
    )
    assert normalise_partial_date(datetime.date(2024, 7, 9), "year", date_field="d", precision_field="p") == (
        datetime.date(2024, 1, 1),
        "year",
    )


def test_a_date_without_precision_is_taken_to_the_day():
    assert normalise_partial_date(datetime.date(2024, 5, 14), "", date_field="d", precision_field="p") == (
        datetime.date(2024, 5, 14),
        "day",
    )


def test_a_precision_without_a_date_is_refused_on_the_date_field():
    with pytest.raises(ValidationError) as error:
        normalise_partial_date(
            None, "month", date_field="published_on", precision_field="published_precision"
        )
    assert "published_on" in error.value.message_dict


@pytest.mark.django_db
def test_model_clean_normalises_the_date():
    milestone = MilestoneFactory.build(
        agreement=AgreementFactory(), date=datetime.date(2024, 7, 12), date_precision="month"
    )
    milestone.clean()
    assert milestone.date == datetime.date(2024, 7, 1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"published_on": datetime.date(2024, 3, 2), "published_precision": ""},
        {"published_on": None, "published_precision": "day"},
        {"published_on": datetime.date(2024, 3, 2), "published_precision": "month"},
        {"published_on": datetime.date(2024, 3, 1), "published_precision": "year"},
        {"published_on": datetime.date(2024, 3, 1), "published_precision": "week"},
    ],
)
def test_database_rejects_inconsistent_partial_dates(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(**fields)


@pytest.mark.django_db
def test_database_accepts_consistent_partial_dates():
    SourceFactory(published_on=datetime.date(2024, 1, 1), published_precision="year")
    SourceFactory(published_on=None, published_precision="")
