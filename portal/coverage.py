"""The coverage page: what the tracker covers, its inclusion rule, how recent its data is,
and what is known to be missing.

The rule and the known gaps are curated in data/coverage.yml (reviewed like any data file);
the dates and counts are computed from the database, so they are never typed in.
"""

from functools import cache
from pathlib import Path

import yaml
from django.conf import settings
from django.db.models import Count
from django.shortcuts import render

from agreements.models import Agreement, AgreementKind, AgreementTrack, Milestone
from sources.models import Source

COVERAGE_FILE = Path(settings.BASE_DIR) / "data" / "coverage.yml"


class CoverageFileError(ValueError):
    """data/coverage.yml is missing a part or has one of the wrong shape."""


@cache
def coverage_notes(path: Path = COVERAGE_FILE) -> dict:
    """The curated part of the page, checked so a bad edit is named rather than half shown."""
    notes = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(notes, dict):
        raise CoverageFileError(f"{path.name}: expected a mapping at the top level")
    for key in ("covers", "inclusion_rule"):
        if not isinstance(notes.get(key), str) or not notes[key].strip():
            raise CoverageFileError(f"{path.name}: '{key}' must be a non-empty text")
    gaps = notes.get("gaps")
    if not isinstance(gaps, list) or not all(
        isinstance(gap, dict) and isinstance(gap.get("topic"), str) and isinstance(gap.get("detail"), str)
        for gap in gaps
    ):
        raise CoverageFileError(f"{path.name}: 'gaps' must be a list of items with a topic and a detail")
    return notes


def latest_facts() -> dict:
    """The latest dated event (a preferred milestone) and the latest source: how current the data is."""
    milestone = (
        Milestone.objects.filter(is_preferred=True)
        .select_related("agreement")
        .order_by("-date", "-pk")
        .first()
    )
    source = Source.objects.filter(published_on__isnull=False).order_by("-published_on", "-pk").first()
    return {"latest_milestone": milestone, "latest_source": source}


def track_counts() -> list[tuple[str, str, int]]:
    return [
        (value, label, Agreement.objects.on_track(value).count()) for value, label in AgreementTrack.choices
    ]


def kind_counts() -> list[tuple[str, int]]:
    counts = dict(Agreement.objects.values_list("kind").annotate(n=Count("id")).order_by())
    return [(label, counts[value]) for value, label in AgreementKind.choices if value in counts]


def coverage(request):
    context = {
        "notes": coverage_notes(),
        **latest_facts(),
        "track_counts": track_counts(),
        "kind_counts": kind_counts(),
    }
    return render(request, "portal/coverage.html", context)
