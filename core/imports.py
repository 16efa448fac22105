"""Editors' bulk import: the export's CSV read back, through django-import-export.

A file has the columns of the matching export (data dictionary), in any order;
columns an import does not use (derived ones such as status or amount_eur's
source_urls) are ignored. Every row is validated like a form (clean(), the
database's constraints, put in words on their column) and errors are reported by
row and column; the admin shows a summary in a dry-run preview, and an import writes
all its rows or none (core.import_admin).

Links a row lists (a programme's members, an agreement's parties) are added and
updated; links missing from the file are kept unless the import was asked to delete
them (`delete_missing`, offered only to users who may delete), and every deletion is
listed in the summary and recorded in history.

Speed: the rows a file refers to are read once per import (slugs, instances, ids),
so a row costs no query of its own until it is written.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.db import DataError, IntegrityError, connection, models, transaction
from django.utils import timezone
from import_export import instance_loaders, resources, widgets
from import_export.results import Error, Result
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.import_cells import PlainText
from core.import_errors import integrity_error_messages

SHOWN_ERRORS = 50  # the preview lists this many errors; the counts cover the rest
LARGEST_ID = 2**63 - 1  # PostgreSQL's bigint
IMPORT_LOCK = 0x1AB0_17  # the advisory lock one import at a time holds (any app)


@dataclass
class ImportSummary:
    """What the preview shows instead of every row."""

    changed_columns: Counter = field(default_factory=Counter)
    deletions: list[str] = field(default_factory=list)

    @property
    def columns_written(self) -> list[tuple[str, int]]:
        return self.changed_columns.most_common()


class SpreadsheetResource(resources.ModelResource):
    """Shared rules: text through PlainText, model validation, unchanged rows skipped.

    `id_column` names the export's identifier column: a new row gets that id when the
    file gives one, so an export re-imported into an empty database keeps its ids.
    """

    id_column: str = ""

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        skip_diff = True  # the summary lists changed columns; no per-row HTML diff
        report_skipped = False
        use_transactions = True
        instance_loader_class = instance_loaders.CachedInstanceLoader

    def __init__(self, delete_missing=False, **kwargs):
        super().__init__(**kwargs)
        self.delete_missing = delete_missing
        self.summary = ImportSummary()
        self.explicit_ids = False
        self.pending_rows = {}  # id(instance) -> (row number, row), for errors of a bulk write

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

    # The whole file ------------------------------------------------------------------

    def import_data(self, dataset, **kwargs):
        """All rows or none, whoever calls; one import at a time (a second is refused,
        never deadlocked); a file whose columns or ids cannot be read is refused before
        any row is."""
        kwargs["rollback_on_validation_errors"] = True
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [IMPORT_LOCK])
                locked = cursor.fetchone()[0]
            problem = self.file_problem(dataset) if locked else None
            if not locked:
                problem = "Another import is running. Try again when it has finished; nothing was changed."
            if problem:
                result = refused(problem)
                result.summary = self.summary
                return result
            return super().import_data(dataset, **kwargs)

    def import_data_inner(
        self, dataset, dry_run, raise_errors, using_transactions, collect_failed_rows, **kwargs
    ):
        """The rows, then the checks PostgreSQL defers to commit (foreign keys, an agreement's
        two parties) run now, in the preview as on confirm, so they refuse the file in words."""
        args = (dataset, dry_run, raise_errors, using_transactions, collect_failed_rows)
        result = super().import_data_inner(*args, **kwargs)
        if result.has_errors() or result.has_validation_errors():
            return result
        try:  # both in one savepoint: PostgreSQL then restores the mode however it ends
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        except IntegrityError as error:
            result.append_base_error(Error(ValidationError(self.constraint_error(error).messages)))
        return result

    def id_columns(self) -> list[str]:
        return [self.fields[name].column_name for name in self.get_import_id_fields()]

    def file_problem(self, dataset) -> str | None:
        """Why the file cannot be imported row by row, in words; None if it can."""
        headers = dataset.headers or []
        missing = [column for column in self.id_columns() if column not in headers]
        if missing:
            return (
                f"The file has no {', '.join(missing)} column. It matches each row to the stored one: "
                f"use the columns of the {self._meta.model._meta.verbose_name_plural} export."
            )
        (column,) = self.id_columns()
        seen = {}
        integer = isinstance(self.fields[self.get_import_id_fields()[0]].widget, widgets.IntegerWidget)
        for number, value in enumerate(dataset[column], 1):
            value = str(value or "").strip()
            if not value:
                continue
            if integer and not (value.isdigit() and int(value) <= LARGEST_ID):
                return f"Row {number}, {column}: '{value}' is not an id (a whole number)."
            if value in seen:
                return f"Row {number}, {column}: '{value}' is also on row {seen[value]}; each row once."
            seen[value] = number
        return None

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.user = kwargs.get("user")

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        result.summary = self.summary
        if self.explicit_ids:  # rows inserted with their exported ids: move the id sequence past them
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [self._meta.model]):
                    cursor.execute(sql)

    # One row -------------------------------------------------------------------------

    def attribute_fields(self, row):
        return [f for f in self.get_import_fields() if f.attribute and f.column_name in row]

    def stored_value(self, instance, attribute):
        """A field's value as compared for changes: a foreign key by its id (no query)."""
        try:
            return getattr(instance, self._meta.model._meta.get_field(attribute).attname)
        except FieldDoesNotExist:
            return getattr(instance, attribute, None)

    def import_instance(self, instance, row, **kwargs):
        """Set each field from its column; a bad cell is an error on that column, by its name.
        The columns whose value changes are noted for skip_row and the summary."""
        errors = {}
        fields = self.attribute_fields(row)
        before = {f.column_name: self.stored_value(instance, f.attribute) for f in fields}
        for f in fields:
            try:
                self.import_field(f, instance, row, **kwargs)
            except ObjectDoesNotExist:
                errors[f.column_name] = f"No {f.widget.model._meta.verbose_name} '{row[f.column_name]}'."
            except ValueError as error:
                errors[f.column_name] = str(error)
        instance.changed_columns = [
            f.column_name
            for f in fields
            if instance._state.adding or before[f.column_name] != self.stored_value(instance, f.attribute)
        ]
        if errors:
            raise ValidationError(errors)

    def links_change(self, instance, row) -> bool:
        """Whether writing the row would change its links (resources with links say)."""
        return False

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or instance._state.adding:
            return False
        return not instance.changed_columns and not self.links_change(instance, row)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's own checks without a query: fields and clean(). Foreign keys were
        found by the widgets, and the constraints are the database's, checked on writing.
        Messages are put on the file's column names."""
        errors = dict(import_validation_errors or {})
        to_attribute = {f.column_name: f.attribute for f in self.get_import_fields() if f.attribute}
        exclude = {to_attribute.get(name, name) for name in errors}
        exclude |= {f.name for f in instance._meta.fields if f.is_relation}
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(self.column_of(name), []).extend(messages)
        for f in instance._meta.fields:  # a required foreign key whose column is missing or empty
            if f.is_relation and f.editable and not f.null and getattr(instance, f.attname) is None:
                errors.setdefault(self.column_of(f.name), ["This field cannot be blank."])
        if errors:
            raise ValidationError(errors)
        self.summary.changed_columns.update(instance.changed_columns)

    def column_of(self, field_name: str) -> str:
        for f in self.get_import_fields():
            if f.attribute in (field_name, f"{field_name}_id", "id" if field_name == "pk" else None):
                return f.column_name
        return field_name

    def constraint_error(self, error: IntegrityError) -> ValidationError:
        """A database constraint's refusal in words, on the column it is about."""
        by_field = integrity_error_messages(self._meta.model, error)
        by_column = {}
        for name, message in by_field.items():
            column = NON_FIELD_ERRORS if name is None else self.column_of(name)
            by_column.setdefault(column, []).append(message)
        return ValidationError(by_column)

    def init_instance(self, row=None):
        instance = super().init_instance(row)
        given = (row or {}).get(self.id_column) if self.id_column else None
        if given not in (None, "") and str(given).strip().isdigit():
            instance.pk = int(given)
            self.explicit_ids = True
        return instance

    def save_instance(self, instance, is_create, row, **kwargs):
        if self._meta.use_bulk:
            self.pending_rows[id(instance)] = (kwargs["row_number"], row)
            return super().save_instance(instance, is_create, row, **kwargs)
        try:
            with transaction.atomic():
                super().save_instance(instance, is_create, row, **kwargs)
        except (IntegrityError, DataError) as error:
            raise self.constraint_error(error) from error

    # Writing in bulk (Meta.use_bulk): a batch per statement, history recorded in bulk --

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self.write_batch(self.create_instances, dry_run, result, is_create=True)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self.write_batch(self.update_instances, dry_run, result, is_create=False)

    def write_batch(self, instances, dry_run, result, *, is_create):
        """Write the batch in one statement; if the database refuses it, write its rows
        one by one to name each refused row and column. A dry run writes no history
        (it is rolled back), so the database's checks run in the preview as on confirm."""
        if not instances:
            return
        model = self._meta.model
        fields = [f.name for f in model._meta.concrete_fields if not f.primary_key and not f.generated]
        for f in model._meta.concrete_fields:  # bulk_update skips auto_now, as save() would not
            if getattr(f, "auto_now", False) and not is_create:
                now = timezone.now()
                for instance in instances:
                    setattr(instance, f.attname, now)
        try:
            with transaction.atomic():
                if dry_run:
                    if is_create:
                        model.objects.bulk_create(instances)
                    else:
                        model.objects.bulk_update(instances, fields)
                elif is_create:
                    bulk_create_with_history(instances, model, default_user=self.user)
                else:
                    bulk_update_with_history(instances, model, fields, default_user=self.user)
                self.after_write(instances)
        except (IntegrityError, DataError):
            self.write_one_by_one(instances, result, is_create)
        finally:
            instances.clear()

    def after_write(self, instances) -> None:
        """Rows derived from the written ones (a pledge's yearly parts), in the same transaction."""

    def write_one_by_one(self, instances, result, is_create):
        for instance in instances:
            try:
                with transaction.atomic():
                    instance.save(force_insert=is_create)
                    self.after_write([instance])
            except (IntegrityError, DataError) as error:
                number, row = self.pending_rows[id(instance)]
                result.append_invalid_row(number, row, self.constraint_error(error))
                result.totals["new" if is_create else "update"] -= 1
                result.totals["invalid"] += 1

    # Links ---------------------------------------------------------------------------

    def remove_links(self, row_number, links) -> None:
        """Delete links the file no longer lists, only when asked; each is listed in the
        summary with what its deletion takes along, and recorded in history."""
        if not self.delete_missing:
            return
        for link in links:
            collector = NestedObjects(using=link._state.db)
            collector.collect([link])
            taken = Counter(
                obj._meta
                for model_objects in collector.model_objs.values()
                for obj in model_objects
                if obj != link
            )
            along = "".join(
                f", with {count} {meta.verbose_name if count == 1 else meta.verbose_name_plural}"
                for meta, count in sorted(taken.items(), key=lambda item: item[0].label)
            )
            self.summary.deletions.append(f"Row {row_number}: {link._meta.verbose_name} “{link}”{along}.")
            link.delete()


def refused(message: str) -> Result:
    """A result that refuses the whole file with one message."""
    result = Result()
    result.append_base_error(Error(ValidationError(message)))
    return result
