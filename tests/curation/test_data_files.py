"""data/: lint, load, dump. The shipped files are clean, a load changes only what differs
and never deletes silently, and files -> database -> files gives the same bytes."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from simple_history.models import registered_models

from agreements.models import Agreement, Milestone
from core.cache import data_version
from curation.files import data_dir, read_dataset
from curation.yaml_io import read, write
from pledges.models import Pledge
from pledges.services import pledge_save

NETHERLANDS = "agreements/ukraine-netherlands-security-agreement.yml"
ALBANIA = "agreements/ukraine-albania-security-agreement.yml"
NL_PLEDGE = "netherlands-2024-military-support-in-2024"


def history_count() -> int:
    return sum(model.history.count() for model in registered_models.values() if hasattr(model, "history"))


def yml_files(root: Path) -> dict:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yml"))}


def diff_lines(a: bytes, b: bytes) -> list:
    old, new = a.decode().splitlines(), b.decode().splitlines()
    assert len(old) == len(new)
    return [(x, y) for x, y in zip(old, new, strict=True) if x != y]


def test_shipped_files_are_clean():
    dataset = read_dataset()
    assert dataset.errors == []
    assert len(dataset.files["agreements"]) == 30


def test_other_readers_files_are_ignored(data):
    (data / "quality_waivers.yml").write_text("- not: [the, schema, of, any, data, file]\n")
    (data / "README.md").write_text("# notes\n")
    assert read_dataset(data).errors == []


def _edit(path: Path, change):
    content, _ = read(path)
    change(content)
    write(path, content)


# Each bad edit, and the field its error must name.
BAD_EDITS = {
    "derived status written": (NETHERLANDS, lambda d: d.update(status="signed"), "status"),
    "derived amount in euros written": (
        NETHERLANDS,
        lambda d: d["pledges"][0].update(amount_eur=1),
        "pledges.0.amount_eur",
    ),
    "impossible date": (
        NETHERLANDS,
        lambda d: d["milestones"][0].update(date="2024-13-01"),
        "milestones.0.date",
    ),
    "unknown source": (
        NETHERLANDS,
        lambda d: d["milestones"][1]["citations"][0].update(source="nowhere"),
        "milestones.1.citations.0.source",
    ),
    "empty quote": (
        NETHERLANDS,
        lambda d: d["signatories"][0]["citations"][0].update(quote=" "),
        "signatories.0.citations.0.quote",
    ),
    "fact without citation": (
        NETHERLANDS,
        lambda d: d["milestones"][2].update(citations=[]),
        "milestones.2.citations",
    ),
    "unknown party": (NETHERLANDS, lambda d: d["parties"][0].update(party="atlantis"), "parties.0.party"),
    "unknown choice": (NETHERLANDS, lambda d: d.update(kind="alliance"), "kind"),
    "amount as a float": (NETHERLANDS, lambda d: d["pledges"][0].update(amount=2.5), "pledges.0.amount"),
    "duplicate milestone key": (
        NETHERLANDS,
        lambda d: d["milestones"][1].update(key=d["milestones"][0]["key"]),
        "milestones.1.key",
    ),
    "office the person never held": (
        NETHERLANDS,
        lambda d: d["signatories"][0].update(office="king"),
        "signatories.0.office",
    ),
    "unknown pledge as part_of": (
        NETHERLANDS,
        lambda d: d["pledges"][0].update(part_of="nope"),
        "pledges.0.part_of",
    ),
}


@pytest.mark.parametrize("case", BAD_EDITS)
def test_lint_names_the_file_line_and_field(data, case):
    name, change, field = BAD_EDITS[case]
    _edit(data / name, change)
    errors = read_dataset(data).errors
    assert field in [e.field for e in errors] and {e.path for e in errors} == {data / name}, errors
    error = next(e for e in errors if e.field == field)
    line = (data / name).read_text().splitlines()[error.line - 1]
    assert field.split(".")[-1] in line or line.strip().startswith("-"), (error, line)
    with pytest.raises(CommandError):
        call_command("data_lint", "--data", str(data))


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["impossible date", "unknown source", "duplicate milestone key"])
def test_a_bad_file_loads_nothing(data, case):
    name, change, _ = BAD_EDITS[case]
    _edit(data / name, change)
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("data_load", "--data", str(data), verbosity=0)
    assert not Agreement.objects.exists() and history_count() == 0


@pytest.mark.usefixtures("seeded")
def test_loading_the_same_files_again_changes_nothing(capsys):
    before = history_count()
    call_command("data_load")
    assert "0 rows created, 0 updated, 0 deleted" in capsys.readouterr().out
    assert history_count() == before


@pytest.mark.usefixtures("seeded")
def test_files_to_database_to_files_is_byte_identical(tmp_path):
    call_command("data_dump", "--data", str(tmp_path), verbosity=0)
    assert yml_files(tmp_path) == yml_files(data_dir())


@pytest.mark.usefixtures("seeded")
def test_an_admin_correction_dumps_as_a_one_line_diff(tmp_path):
    pledge = Pledge.objects.get(key=NL_PLEDGE)
    pledge.amount = 2100000000
    pledge_save(pledge=pledge)
    call_command("data_dump", "--data", str(tmp_path), verbosity=0)
    before, after = yml_files(data_dir()), yml_files(tmp_path)
    changed = [name for name in before if before[name] != after[name]]
    assert changed == [NETHERLANDS]
    assert diff_lines(before[NETHERLANDS], after[NETHERLANDS]) == [
        ("    amount: 2000000000", "    amount: 2100000000")
    ]


@pytest.mark.usefixtures("seeded")
def test_a_one_line_correction_in_a_file_updates_the_row_in_place_with_its_reason(data):
    pledge = Pledge.objects.get(key=NL_PLEDGE)
    path = data / NETHERLANDS
    path.write_text(path.read_text().replace("    amount: 2000000000\n", "    amount: 2100000000\n"))
    version = data_version()
    call_command("data_load", "--data", str(data), verbosity=0)
    assert data_version() > version  # cached figures are computed again
    corrected = Pledge.objects.get(pk=pledge.pk)
    assert (corrected.amount, corrected.amount_eur) == (2100000000, 2100000000)  # EUR: converted at 1
    latest = corrected.history.latest()
    assert latest.history_change_reason == f"loaded from data/{NETHERLANDS}"
    assert latest.prev_record.amount == 2000000000


@pytest.mark.usefixtures("seeded")
def test_rows_missing_from_the_files_are_kept_unless_purged(data, capsys):
    (data / ALBANIA).unlink()
    albania = Agreement.objects.get(slug="ukraine-albania-security-agreement")
    milestones = Milestone.objects.filter(agreement=albania).count()
    with pytest.raises(CommandError) as refused:
        call_command("data_load", "--data", str(data), verbosity=0)
    assert f"agreement #{albania.pk}: {albania.title}" in str(refused.value)
    assert Milestone.objects.filter(agreement=albania).count() == milestones > 0

    call_command("data_load", "--data", str(data), "--purge", verbosity=0)
    out = capsys.readouterr().out
    assert f"deleted agreement #{albania.pk}: {albania.title}" in out
    assert out.count("deleted milestone") == milestones
    assert not Agreement.objects.filter(slug="ukraine-albania-security-agreement").exists()


NEW_AGREEMENT = """\
title: Agreement on security cooperation between Ukraine and Atlantis
framework: g7-joint-declaration-of-support-for-ukraine
term_years: 10
citations:
  - source: the-kyiv-independent-2024-04-11-ukraine-latvia-sign-long-term-security
    quote: Ukraine and Latvia signed a long-term security agreement.
parties:
  - party: latvia
    role: partner
  - party: ukraine
    role: recipient
milestones:
  - key: signed
    kind: signed
    date: '2025-05'
    place: Riga, Latvia
    citations:
      - source: the-kyiv-independent-2024-04-11-ukraine-latvia-sign-long-term-security
        quote: Ukraine and Latvia signed a long-term security agreement.
"""


@pytest.mark.usefixtures("seeded")
def test_a_new_agreement_is_one_new_file(data):
    assert (
        data / "sources/the-kyiv-independent-2024-04-11-ukraine-latvia-sign-long-term-security.yml"
    ).exists()
    (data / "agreements/ukraine-atlantis-security-agreement.yml").write_text(NEW_AGREEMENT)
    call_command("data_load", "--data", str(data), verbosity=0)
    agreement = Agreement.objects.get(slug="ukraine-atlantis-security-agreement")
    assert (agreement.status, agreement.signed_on.isoformat(), agreement.signed_precision) == (
        "signed",
        "2025-05-01",
        "month",
    )
    assert agreement.history.latest().history_change_reason == (
        "loaded from data/agreements/ukraine-atlantis-security-agreement.yml"
    )


@pytest.mark.usefixtures("seeded")
def test_a_corrected_signing_date_moves_the_derived_signing_date_with_its_reason(data):
    def sign_later(content):
        next(m for m in content["milestones"] if m["key"] == "signed")["date"] = "2024-03-04"

    _edit(data / NETHERLANDS, sign_later)
    call_command("data_load", "--data", str(data), verbosity=0)
    agreement = Agreement.objects.get(slug="ukraine-netherlands-security-agreement")
    assert agreement.signed_on.isoformat() == "2024-03-04"
    assert agreement.history.latest().history_change_reason == f"loaded from data/{NETHERLANDS}"
