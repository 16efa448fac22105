"""Stable, readable keys for rows the data files name (sources, milestones, pledges, offices,
disputes), so a row keeps its name across a dump and a load whatever its id.

A key is made once, from the row's content, when a row without one is first saved;
editing the content later does not change it.
"""

from django.db import models, router
from django.db.models import Q
from django.utils.text import slugify

EDITOR_NOTE_HELP = "For editors only: how the record was checked, what is missing. Never shown on the site."


def key_field(max_length: int = 100, **kwargs) -> models.SlugField:
    # db_default: rows written by raw SQL (the benchmark generator) get an empty key,
    # which the partial unique constraints below let repeat.
    return models.SlugField(
        max_length=max_length,
        blank=True,
        default="",
        db_default="",
        help_text="Stable identifier in the data files; made from the content when left empty.",
        **kwargs,
    )


def editor_note_field() -> models.TextField:
    return models.TextField(blank=True, default="", db_default="", help_text=EDITOR_NOTE_HELP)


def key_unique(fields: list[str], name: str, key: str = "key") -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=fields,
        condition=~Q(**{key: ""}),
        name=name,
        violation_error_message="This key is already used; keys must be unique.",
    )


def new_key(text: str, taken_in, max_length: int = 100, field: str = "key") -> str:
    """slugify(text), cut to length, with -2, -3... when taken within `taken_in` (a queryset)."""
    base = slugify(text)[: max_length - 4].strip("-") or "row"
    # Read where the row will be written: a replica may not have the latest keys yet.
    taken_in = taken_in.using(router.db_for_write(taken_in.model))
    taken = set(taken_in.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key
