"""Reading the cells of an imported CSV: text less the formula guard, related rows by
slug (read once per import), lists of values and slug:role pairs, and a row's links."""

from django.core.exceptions import ValidationError
from import_export import resources, widgets

from core.csv_export import MULTI_VALUE_SEPARATOR
from core.formula import unguard


class PlainText(widgets.CharWidget):
    """Text as the export wrote it, less the formula guard (core.formula.unguard)."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        if text == "" and not self.allow_blank:
            return None
        if "\x00" in (text or ""):
            raise ValueError("Text cannot contain the NUL character.")  # PostgreSQL refuses it
        return unguard(text) if text else text


class SlugWidget(widgets.ForeignKeyWidget):
    """A related row by its slug, the slugs read in one query per import."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", **kwargs)
        self.by_slug = None

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if self.by_slug is None:
            self.by_slug = self.model.objects.in_bulk(field_name="slug")
        if value not in self.by_slug:  # perhaps created by an earlier row of the same file
            found = self.model.objects.filter(slug=value).first()
            if found is None:
                raise self.model.DoesNotExist
            self.by_slug[value] = found
        return self.by_slug[value]


def split_values(cell) -> list[str]:
    return [part.strip() for part in str(cell or "").split(MULTI_VALUE_SEPARATOR.strip()) if part.strip()]


def parse_pairs(cell, column: str, allowed_roles) -> list[tuple[str, str]]:
    """'slug:role; slug:role' into pairs, refusing unknown roles."""
    pairs = []
    for part in split_values(cell):
        slug, _, role = part.partition(":")
        if role not in allowed_roles:
            raise ValidationError(
                {column: f"'{part}' is not 'slug:role' with a role among {', '.join(allowed_roles)}."}
            )
        pairs.append((slug.strip(), role))
    return pairs


def column_ids(dataset, column: str) -> set[int]:
    """The whole numbers of a column (none if the file has no such column)."""
    if column not in (dataset.headers or []):
        return set()
    return {int(value) for value in dataset[column] if str(value or "").strip().isdigit()}


def diff_links(current: dict, wanted: dict, value=lambda link: None) -> tuple[dict, list]:
    """Links of a row: ({key: wanted value} to add or update, stored links the file omits).

    `current` maps a key to the stored link, `wanted` the same keys to what the file says.
    """
    writes = {key: v for key, v in wanted.items() if key not in current or value(current[key]) != v}
    return writes, [link for key, link in current.items() if key not in wanted]


def slug_field(column: str, attribute: str, model) -> resources.Field:
    """A foreign key given by the related row's slug; an unknown slug is an error on that column."""
    return resources.Field(attribute=attribute, column_name=column, widget=SlugWidget(model))
