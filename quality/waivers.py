"""Waivers: findings accepted for now, each with its reason, kept in data/quality_waivers.yml.

Each entry names a check, a record key (quality.keys; '*' stands for any text, e.g.
'dispute:-/How many agreements*'; nothing else is special) and the reason. A waiver that matches no finding
is stale and reported, so the file cannot hide a fixed or renamed record.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings

from quality.checks import CHECKS, Finding, all_findings

WAIVERS_FILE = Path(settings.BASE_DIR) / "data" / "quality_waivers.yml"


class WaiverFileError(ValueError):
    """The waivers file cannot be read; nothing is waived."""


@dataclass(frozen=True)
class Waiver:
    check: str
    record: str
    reason: str

    def matches(self, finding: Finding) -> bool:
        pattern = ".*".join(re.escape(part) for part in self.record.split("*"))
        return finding.check == self.check and re.fullmatch(pattern, finding.key, re.DOTALL) is not None


@dataclass
class Report:
    unwaived: list[Finding] = field(default_factory=list)
    waived: list[tuple[Finding, Waiver]] = field(default_factory=list)
    stale: list[Waiver] = field(default_factory=list)

    @property
    def passes(self) -> bool:
        return not self.unwaived and not self.stale


def load_waivers(path: Path | str | None = None) -> list[Waiver]:
    path = Path(path) if path else WAIVERS_FILE
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise WaiverFileError(f"{path}: not valid YAML: {error}") from error
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise WaiverFileError(f"{path}: expected a list of waivers (check, record, reason).")
    waivers = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path}, waiver {number}"
        if not isinstance(entry, dict) or set(entry) != {"check", "record", "reason"}:
            raise WaiverFileError(f"{where}: give exactly check, record and reason.")
        if not all(isinstance(value, str) and value.strip() for value in entry.values()):
            raise WaiverFileError(f"{where}: check, record and reason must be non-empty text.")
        if entry["check"] not in CHECKS:
            raise WaiverFileError(f"{where}: no check named {entry['check']!r}; known: {', '.join(CHECKS)}.")
        waiver = Waiver(entry["check"], entry["record"].strip(), " ".join(entry["reason"].split()))
        if waiver in waivers:
            raise WaiverFileError(f"{where}: the same waiver is given twice.")
        waivers.append(waiver)
    return waivers


def build_report(findings: list[Finding] | None = None, waivers: list[Waiver] | None = None) -> Report:
    findings = all_findings() if findings is None else findings
    waivers = load_waivers() if waivers is None else waivers
    report = Report()
    used = set()
    for finding in findings:
        waiver = next((w for w in waivers if w.matches(finding)), None)
        if waiver is None:
            report.unwaived.append(finding)
        else:
            report.waived.append((finding, waiver))
            used.add(waiver)
    report.stale = [w for w in waivers if w not in used]
    return report
