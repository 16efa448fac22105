"""Waivers: read from YAML, matched by check and key, stale ones reported; the command."""

import pytest
from django.core.management import CommandError, call_command

from quality.checks import Finding
from quality.waivers import Waiver, WaiverFileError, build_report, load_waivers
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def finding(check="source_without_url", key="source:Gov/Text/-"):
    return Finding(check, key, "label", "problem", "/admin/")


def write(tmp_path, text):
    path = tmp_path / "waivers.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_waiver_file_is_read_with_its_reasons(tmp_path):
    path = write(
        tmp_path, '- check: uncited\n  record: "party:*"\n  reason: "  An entity,\n not a claim. "\n'
    )
    assert load_waivers(path) == [Waiver("uncited", "party:*", "An entity, not a claim.")]


@pytest.mark.parametrize("text", ["", "# only a comment\n"])
def test_an_empty_waiver_file_waives_nothing(tmp_path, text):
    assert load_waivers(write(tmp_path, text)) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- check: [unclosed\n", "not valid YAML"),
        ("check: uncited\n", "expected a list"),
        ("- check: uncited\n  record: x\n", "give exactly check, record and reason"),
        ("- check: uncited\n  record: x\n  reason: y\n  note: z\n", "give exactly check, record and reason"),
        ("- check: uncited\n  record: x\n  reason: ''\n", "must be non-empty text"),
        ("- check: uncited\n  record: 12\n  reason: y\n", "must be non-empty text"),
        ("- check: uncitd\n  record: x\n  reason: y\n", "no check named 'uncitd'"),
        ("- {check: uncited, record: x, reason: y}\n- {check: uncited, record: x, reason: y}\n", "twice"),
        ("- !!python/object/apply:os.system ['true']\n", "not valid YAML"),  # safe_load only
    ],
)
def test_a_malformed_waiver_file_is_refused_with_a_clear_message(tmp_path, text, message):
    with pytest.raises(WaiverFileError, match=message):
        load_waivers(write(tmp_path, text))


def test_waivers_match_by_check_and_key_with_star_as_the_only_wildcard():
    exact = Waiver("source_without_url", "source:Gov/Text [draft]?/-", "r")
    assert exact.matches(finding(key="source:Gov/Text [draft]?/-"))
    assert not exact.matches(finding(key="source:Gov/Text d/-"))
    assert not exact.matches(finding(check="uncited", key="source:Gov/Text [draft]?/-"))
    star = Waiver("uncited", "party:*", "r")
    assert star.matches(finding("uncited", "party:ukraine"))
    assert not star.matches(finding("uncited", "pledge:ukraine/2024/EUR 1"))


def test_the_report_separates_unwaived_waived_and_stale():
    fixed, open_ = finding(key="source:A/-/-"), finding(key="source:B/-/-")
    used, stale = Waiver(fixed.check, fixed.key, "r"), Waiver("uncited", "party:gone", "r")
    report = build_report(findings=[fixed, open_], waivers=[used, stale])
    assert (report.unwaived, report.waived, report.stale) == ([open_], [(fixed, used)], [stale])
    assert not report.passes
    assert build_report(findings=[fixed], waivers=[used]).passes


def test_the_command_fails_on_an_unwaived_finding_and_passes_once_it_is_waived(tmp_path, capsys):
    SourceFactory(url="", publisher="Gov", title="Text", published_on=None, published_precision="")
    empty = write(tmp_path, "")
    with pytest.raises(CommandError, match="1 findings not waived, 0 waived, 0 stale"):
        call_command("data_quality", waivers=str(empty))
    assert "source_without_url\tsource:Gov/Text/-\t" in capsys.readouterr().out
    (tmp_path / "ok.yml").write_text(
        "- {check: source_without_url, record: source:Gov/Text/-, reason: Printed only.}\n", encoding="utf-8"
    )
    call_command("data_quality", waivers=str(tmp_path / "ok.yml"), show_waived=True)
    out = capsys.readouterr().out
    assert "waived source_without_url\tsource:Gov/Text/-\tPrinted only." in out
    assert "0 findings not waived, 1 waived, 0 stale waivers." in out


def test_the_command_fails_on_a_stale_waiver_and_on_a_bad_file(tmp_path, capsys):
    stale = write(tmp_path, "- {check: uncited, record: 'party:gone', reason: Was waived.}\n")
    with pytest.raises(CommandError, match="0 findings not waived, 0 waived, 1 stale"):
        call_command("data_quality", waivers=str(stale))
    assert "stale waiver\tuncited\tparty:gone\tmatches no finding" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no check named"):
        call_command("data_quality", waivers=str(write(tmp_path, "- {check: x, record: y, reason: z}\n")))
