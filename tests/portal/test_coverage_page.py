"""The coverage page: the curated rule and gaps from data/coverage.yml, the dates computed."""

import datetime

import pytest
from django.utils.html import escape

from agreements.models import AgreementTrack, MilestoneKind
from portal.coverage import COVERAGE_FILE, CoverageFileError, coverage_notes
from tests.factories import AgreementFactory, MilestoneFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_rule_and_every_known_gap(client):
    response = client.get("/coverage/")
    assert response.status_code == 200
    page = response.content.decode()
    notes = coverage_notes()
    assert notes["gaps"]
    for gap in notes["gaps"]:
        assert escape(gap["topic"]) in page
    assert 'id="inclusion-rule"' in page
    for track in AgreementTrack:
        assert f"?track={track.value}" in page


def test_the_latest_event_and_source_are_computed_from_the_data(client):
    MilestoneFactory(date=datetime.date(2031, 5, 1), agreement=AgreementFactory(title="Far Future Accord"))
    MilestoneFactory(date=datetime.date(2030, 1, 1), kind=MilestoneKind.RATIFIED)
    SourceFactory(title="Newest Report", published_on=datetime.date(2032, 2, 3), published_precision="day")
    context = client.get("/coverage/").context
    assert context["latest_milestone"].agreement.title == "Far Future Accord"
    assert context["latest_source"].title == "Newest Report"
    page = client.get("/coverage/").content.decode()
    assert "1 May 2031" in page and "3 February 2032" in page


def test_an_empty_database_says_so(client):
    page = client.get("/coverage/").content.decode()
    assert page.count("none recorded") == 2


def test_the_shipped_coverage_file_is_valid():
    coverage_notes.cache_clear()
    notes = coverage_notes(COVERAGE_FILE)
    assert notes["covers"].strip() and notes["inclusion_rule"].strip()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- just a list\n", "mapping"),
        ("covers: x\ngaps: []\n", "'inclusion_rule'"),
        ("covers: x\ninclusion_rule: y\ngaps: [{topic: t}]\n", "'gaps'"),
        ("covers: ''\ninclusion_rule: y\ngaps: []\n", "'covers'"),
    ],
)
def test_a_bad_coverage_file_is_named(tmp_path, text, message):
    path = tmp_path / "coverage.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CoverageFileError, match=message):
        coverage_notes(path)
