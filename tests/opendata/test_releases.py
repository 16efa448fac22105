"""Releases: the changelog lists exactly the edits made between two releases, the files
are the same bytes on every download and match their checksums, and no editor's name
is published."""

import hashlib
import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from frictionless import validate

from agreements.models import Agreement, Milestone
from agreements.services import milestone_delete, milestone_save
from core.services import record_save
from donors.models import Party
from opendata.changelog import IGNORED_FIELDS
from opendata.models import Release
from opendata.releases import release_make
from pledges.models import Pledge
from pledges.services import pledge_save
from sources.models import Source

pytestmark = pytest.mark.usefixtures("seeded")


def agreement_state(agreement_id) -> dict:
    row = Agreement.objects.filter(pk=agreement_id).values().get()
    return {name: value for name, value in row.items() if name not in IGNORED_FIELDS | {"search_vector"}}


def make_edits(editor) -> dict:
    """Edits through the services, as the admin makes them; what each should leave in the
    changelog, computed from the rows before and after."""
    expected = {}
    milestone = Milestone.objects.exclude(place="").order_by("pk").first()
    old_place = milestone.place
    milestone.place = old_place + " (corrected)"
    milestone._history_user = editor
    milestone_save(milestone=milestone)
    expected["milestones", milestone.pk] = ("corrected", {"place": (old_place, milestone.place)})

    pledge = Pledge.objects.exclude(purpose="").order_by("pk").first()
    old_purpose = pledge.purpose
    pledge.purpose = "corrected: " + old_purpose
    pledge._history_user = editor
    pledge_save(pledge=pledge)
    expected["pledges", pledge.pk] = ("corrected", {"purpose": (old_purpose, pledge.purpose)})

    source = Source.objects.order_by("-pk").first()
    title = source.title
    source.title = title + "!"
    source.save()
    source.title = title  # saved again as it was: no change in all
    record_save(record=source)

    party = record_save(record=Party(slug="testland", name="Testland", kind="state", iso_code="TL"))
    expected["parties", party.pk] = ("added", {})

    doomed = Milestone.objects.filter(is_preferred=False).order_by("pk").first() or Milestone.objects.last()
    agreement_before = agreement_state(doomed.agreement_id)
    doomed_id, cited = doomed.pk, list(doomed.citations.values_list("pk", flat=True))
    milestone_delete(milestone=doomed)
    expected["milestones", doomed_id] = ("removed", {})
    expected.update({("citations", pk): ("removed", {}) for pk in cited})  # they go with their fact
    agreement_after = agreement_state(doomed.agreement_id)
    derived = {
        k: (agreement_before[k], agreement_after[k])
        for k in agreement_before
        if agreement_before[k] != agreement_after[k]
    }
    if derived:  # the status rule moved with the milestone
        expected["agreements", doomed.agreement_id] = ("corrected", derived)
    return expected


def shown(value):
    return value if value is None or isinstance(value, bool | int | str) else str(value)


def test_the_changelog_lists_exactly_the_edits_between_two_releases(editor):
    first = release_make()
    assert first.number == 1 and first.changelog == []
    expected = make_edits(editor)
    second = release_make()
    assert second.number == 2
    listed = {(change["table"], change["id"]): change for change in second.changelog}
    assert set(listed) == set(expected)
    for key, (action, fields) in expected.items():
        assert listed[key]["action"] == action, key
        changed = {c["field"]: (c["before"], c["after"]) for c in listed[key].get("changes", [])}
        assert changed == {name: (shown(a), shown(b)) for name, (a, b) in fields.items()}, key
    third = release_make()
    assert third.changelog == []  # nothing changed since the second


def test_no_editor_user_name_is_published(client, editor):
    release_make()
    make_edits(editor)
    release = release_make()
    published = [
        json.dumps(release.changelog),
        client.get(f"/data/releases/{release.number}/").content.decode(),
        client.get(f"/data/releases/{release.number}/changelog.json").content.decode(),
        client.get("/feeds/corrections/").content.decode(),
    ]
    assert release.changelog
    for text in published:
        assert editor.username not in text
    assert editor.username.encode() not in bytes(release.archive)


def test_release_files_are_the_same_bytes_on_every_download_and_match_their_checksums(client):
    release = release_make()
    base = f"/data/releases/{release.number}/"
    archive = b"".join([client.get(base + release.archive_name).content])
    assert archive == client.get(base + release.archive_name).content == bytes(release.archive)
    assert hashlib.sha256(archive).hexdigest() == release.archive_sha256
    sums = dict(line.split("  ")[::-1] for line in client.get(base + "SHA256SUMS").text.splitlines())
    opened = zipfile.ZipFile(io.BytesIO(archive))
    assert set(sums) == {*opened.namelist(), release.archive_name}
    for name in opened.namelist():
        first, again = client.get(base + name), client.get(base + name)
        assert first.status_code == 200 and first["ETag"] == f'"{sums[name]}"'
        assert first.content == again.content == opened.read(name)
        assert hashlib.sha256(first.content).hexdigest() == sums[name] == release.file(name)["sha256"]
    assert client.get(base + "no-such-file.csv").status_code == 404
    assert client.get("/data/releases/99/").status_code == 404


def test_a_release_is_never_rewritten_and_its_package_validates(tmp_path):
    release = release_make()
    zipfile.ZipFile(io.BytesIO(bytes(release.archive))).extractall(tmp_path)
    package = json.loads((tmp_path / "datapackage.json").read_text())
    assert package["release"] == release.number and package["version"] == str(release.number)
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])[:10]
    release.archive = b"other bytes"
    with pytest.raises(ValueError):
        release.save()
    assert bytes(Release.objects.get(pk=release.pk).archive) != b"other bytes"


def test_the_command_releases_once_per_change(as_committed):
    call_command("data_release", verbosity=0)
    call_command("data_release", "--if-none", verbosity=0)
    assert Release.objects.count() == 1
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("data_release", verbosity=0)
    record_save(record=Party(slug="testland", name="Testland", kind="state", iso_code="TL"))
    as_committed()
    call_command("data_release", verbosity=0)
    assert list(Release.objects.values_list("number", flat=True)) == [2, 1]


def test_the_data_page_shows_the_current_release_its_citation_and_json_ld(client):
    assert "No release yet" in client.get("/data/").content.decode()
    release = release_make()
    page = client.get("/data/").content.decode()
    assert f"Release {release.number}</strong>" in page
    assert f"release {release.number} of {release.cut_off.date()}" in page
    assert "CC-BY-4.0" in page
    start = page.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    described = json.loads(page[start : page.index("</script>", start)])
    assert described["@type"] == "Dataset" and described["version"] == str(release.number)
    assert described["license"] == "https://creativecommons.org/licenses/by/4.0/"
