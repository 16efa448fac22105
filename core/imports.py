"""Editors' bulk import: the export's CSV read back, through django-import-export.

A file has the columns of the matching export (data dictionary), in any order;
columns an import does not use (derived ones such as status or amount_eur's
source_urls) are ignored. Every row is validated like a form (clean(), the model's
checks) and errors are reported by row and column; the admin shows them in a
dry-run preview, and an import writes all its rows or none.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from import_export import resources, widgets

from core.csv_export import FORMULA_CHARACTERS, MULTI_VALUE_SEPARATOR


class PlainText(widgets.CharWidget):
    """Text as the export wrote it, less the apostrophe it put before formula-like text."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        if text == "" and not self.allow_blank:
            return None
        if text and len(text) > 1 and text[0] == "'" and text[1] in FORMULA_CHARACTERS:
            return text[1:]
        return text


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


def slug_field(column: str, attribute: str, model) -> resources.Field:
    """A foreign key given by the related row's slug; an unknown slug is an error on that column."""
    return resources.Field(
        attribute=attribute, column_name=column, widget=widgets.ForeignKeyWidget(model, field="slug")
    )


class SpreadsheetResource(resources.ModelResource):
    """Shared rules: text through PlainText, model validation, unchanged rows skipped.

    `id_column` names the export's identifier column: a new row gets that id when the
    file gives one, so an export re-imported into an empty database keeps its ids.
    """

    id_column: str = ""

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if isinstance(f, models.CharField | models.TextField):
            return PlainText
        return super().widget_from_django_field(f, default)

    @classmethod
    def widget_kwargs_for_field(cls, field_name, django_field):
        kwargs = super().widget_kwargs_for_field(field_name, django_field)
        if isinstance(django_field, models.CharField | models.TextField):
            kwargs["allow_blank"] = not django_field.null  # an empty cell is NULL where NULL is allowed
        return kwargs

    def import_instance(self, instance, row, **kwargs):
        """Set each field from its column; a bad cell is an error on that column, by its name."""
        errors = {}
        for field in self.get_import_fields():
            if not field.attribute or field.column_name not in row:
                continue
            try:
                self.import_field(field, instance, row, **kwargs)
            except ObjectDoesNotExist:
                errors[field.column_name] = (
                    f"No {field.widget.model._meta.verbose_name} '{row[field.column_name]}'."
                )
            except ValueError as error:
                errors[field.column_name] = str(error)
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's own checks, their messages put on the file's column names.

        A column already in error (an unknown slug) is not checked again as a field.
        """
        fields = [field for field in self.get_import_fields() if field.attribute]
        to_attribute = {field.column_name: field.attribute for field in fields}
        to_column = {field.attribute: field.column_name for field in fields}
        known = {
            to_attribute.get(name, name): errors for name, errors in (import_validation_errors or {}).items()
        }
        try:
            super().validate_instance(instance, known, validate_unique)
        except ValidationError as error:
            by_column = {}
            for name, messages in error.message_dict.items():
                by_column.setdefault(to_column.get(name, name), []).extend(messages)
            raise ValidationError(by_column) from error

    def init_instance(self, row=None):
        instance = super().init_instance(row)
        given = (row or {}).get(self.id_column) if self.id_column else None
        if given not in (None, "") and str(given).isdigit():
            instance.pk = int(given)
        return instance

    def save_instance(self, instance, is_create, row, **kwargs):
        # A row whose id is taken by another record must not overwrite it.
        if is_create and instance.pk and type(instance).objects.filter(pk=instance.pk).exists():
            instance.pk = None
        super().save_instance(instance, is_create, row, **kwargs)
