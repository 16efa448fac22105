"""import_provisions: a research coding becomes cells in the agreement files, cited to the
agreement's own text; what the research could not code stays uncoded; bad input writes nothing."""

import shutil

import pytest
import yaml
from django.core.management import CommandError, call_command

from curation.files import data_dir, read_dataset
from curation.yaml_io import read, write

NETHERLANDS = "ukraine-netherlands-security-agreement"
RESEARCH = {
    "catalogue": [
        {
            "slug": "termination-notice-months",
            "name": "Notice",
            "question": "How long?",
            "value_type": "number",
            "unit": "months",
        },
        {
            "slug": "Nato-Clause",
            "name": "NATO",
            "question": "If it joins?",
            "value_type": "choice",
            "choices": ["ends", "not_stated"],
        },
    ],
    "guide": {"termination-notice-months": "months between notice and end."},
    "codings": {
        NETHERLANDS: {
            "termination-notice-months": {
                "value": "yes",
                "number": 3,
                "unit": "months",
                "article": "Paragraph 14, para 7",
                "quote": "This Agreement may be terminated at any time upon a three months’ notice "
                "in writing.",
                "conditions": "in writing",
                "binds": "either participant",
            },
            "Nato-Clause": {"value": "not_stated", "conditions": "only a pathway sentence"},
        },
        "g7-joint-declaration-of-support-for-ukraine": {"Nato-Clause": {"value": "text_missing"}},
    },
}


@pytest.fixture
def data(tmp_path):
    return shutil.copytree(data_dir(), tmp_path / "data")


def test_a_research_coding_becomes_cited_cells(data, tmp_path):
    for path in (data / "agreements").glob("*.yml"):  # start from files without a coding
        content, _ = read(path)
        content.pop("provisions", None)
        write(path, content)
    research = tmp_path / "research.yml"
    research.write_text(yaml.safe_dump(RESEARCH, allow_unicode=True))
    call_command("import_provisions", str(research), "--data", str(data), verbosity=0)
    dataset = read_dataset(data)
    assert dataset.errors == []
    assert [p.slug for p in dataset.provisions] == ["termination-notice-months", "nato-clause"]
    assert dataset.provisions[1].choices == ["ends"]  # not_stated is an answer, not a choice
    notice, nato = dataset.files["agreements"][NETHERLANDS].data.provisions
    assert (notice.answer, notice.number, notice.unit, notice.binds) == ("yes", 3, "months", "both")
    assert notice.conditions == "in writing" and notice.passage == notice.citations[0].quote
    assert notice.citations[0].locator == "Paragraph 14, para 7"
    source = dataset.files["sources"][notice.citations[0].source].data
    assert source.kind == "text"
    assert (nato.answer, nato.citations, nato.note) == ("not_stated", [], "only a pathway sentence")
    assert dataset.files["agreements"]["g7-joint-declaration-of-support-for-ukraine"].data.provisions == []


def test_an_unknown_agreement_or_unreadable_file_writes_nothing(data, tmp_path):
    before = {p: p.read_bytes() for p in data.rglob("*.yml")}
    research = tmp_path / "research.yml"
    research.write_text(yaml.safe_dump({**RESEARCH, "codings": {"atlantis": {}}}))
    with pytest.raises(CommandError, match="atlantis"):
        call_command("import_provisions", str(research), "--data", str(data))
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_provisions", str(tmp_path / "missing.yml"), "--data", str(data))
    assert {p: p.read_bytes() for p in data.rglob("*.yml")} == before
