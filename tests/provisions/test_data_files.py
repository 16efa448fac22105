"""The provisions in data/: lint names the file, line and field of each bad cell, a bad
cell loads nothing, and the catalogue loads in its file's order."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from curation.files import data_dir, read_dataset
from curation.yaml_io import read, write
from provisions.models import AgreementProvision, Provision

NETHERLANDS = "agreements/ukraine-netherlands-security-agreement.yml"


@pytest.fixture
def data(tmp_path) -> Path:
    return shutil.copytree(data_dir(), tmp_path / "data")


def _cell(index, **values):
    return lambda d: d["provisions"][index].update(values)


BAD_CELLS = {
    "unknown provision": (_cell(6, provision="kill-switch"), "provisions.6.provision"),
    "choice not in the catalogue": (_cell(8, choice="becomes-article-5"), "provisions.8.choice"),
    "unknown answer": (_cell(6, answer="probably"), "provisions.6.answer"),
    "answer the text gives, without its sentence": (_cell(6, citations=[]), "provisions.6.answer"),
    "quote not in the passage": (
        lambda d: d["provisions"][6]["citations"][0].update(quote="It may never be terminated."),
        "provisions.6.citations.0.quote",
    ),
    "unknown source": (
        lambda d: d["provisions"][6]["citations"][0].update(source="nowhere"),
        "provisions.6.citations.0.source",
    ),
    "provision coded twice": (_cell(7, provision="termination-possible"), "provisions.7.provision"),
    "unknown dispute": (_cell(6, dispute="no-such-dispute"), "provisions.6.dispute"),
    "unknown side": (_cell(6, binds="everyone"), "provisions.6.binds"),
}


@pytest.mark.parametrize("case", BAD_CELLS)
def test_lint_names_the_file_line_and_field_of_a_bad_cell(data, case):
    change, field = BAD_CELLS[case]
    content, _ = read(data / NETHERLANDS)
    change(content)
    write(data / NETHERLANDS, content)
    errors = read_dataset(data).errors
    assert field in [e.field for e in errors] and {e.path for e in errors} == {data / NETHERLANDS}, errors
    assert all(e.line for e in errors)
    with pytest.raises(CommandError):
        call_command("data_lint", "--data", str(data))


def test_a_catalogue_entry_with_a_bad_type_is_named(data):
    catalogue, _ = read(data / "provisions.yml")
    catalogue[3]["value_type"] = "colour"
    write(data / "provisions.yml", catalogue)
    assert [e.field for e in read_dataset(data).errors] == ["3.value_type"]


@pytest.mark.django_db
def test_a_cell_that_does_not_fit_its_provision_loads_nothing(data):
    content, _ = read(data / NETHERLANDS)
    content["provisions"][6]["number"] = 3  # termination-possible is yes/no
    write(data / NETHERLANDS, content)
    with pytest.raises(Exception, match="number"):
        call_command("data_load", "--data", str(data), verbosity=0)
    assert not AgreementProvision.objects.exists() and not Provision.objects.exists()


@pytest.mark.usefixtures("seeded")
def test_the_catalogue_keeps_the_file_s_order():
    catalogue, _ = read(data_dir() / "provisions.yml")
    assert list(Provision.objects.values_list("slug", flat=True)) == [p["slug"] for p in catalogue]


def test_the_coding_guide_states_each_provision_s_rule():
    guide = " ".join((Path(data_dir()).parent / "docs" / "provisions-coding-guide.md").read_text().split())
    catalogue, _ = read(data_dir() / "provisions.yml")
    for provision in catalogue:
        assert f"(`{provision['slug']}`)" in guide
        assert " ".join(provision.get("guide", "").split()) in guide, provision["slug"]
