"""Driving the admin's import as a user does: the import form with a file, then the confirm form."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.csv_export import csv_chunks
from portal.datasets import TABLES_BY_NAME


def export(name: str, queryset=None) -> str:
    table = TABLES_BY_NAME[name]
    return "".join(csv_chunks(table, table.model.objects.all() if queryset is None else queryset))


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def csv_text(rows: list[dict], header: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def preview(client, model, text: str, **options):
    """POST the file to the model's import form: the dry run. Returns the page."""
    app, name = model._meta.app_label, model._meta.model_name
    upload = SimpleUploadedFile(f"{name}.csv", text.encode(), content_type="text/csv")
    data = {"resource": 0, "format": 0, "import_file": upload, **options}
    page = client.post(reverse(f"admin:{app}_{name}_import"), data)
    assert page.status_code == 200, page.status_code
    return page


def confirm(client, model, page):
    """POST the confirm form the preview offered, as its button does; the page after it."""
    form = page.context["confirm_form"]
    data = {name: value for name, value in form.initial.items() if name in form.fields}
    app, name = model._meta.app_label, model._meta.model_name
    return client.post(reverse(f"admin:{app}_{name}_process_import"), data, follow=True)


def import_file(client, model, text: str, **options):
    """Dry run, then confirm if the preview offers it: (preview page, page after confirm or None)."""
    page = preview(client, model, text, **options)
    if not page.context.get("confirm_form"):
        return page, None
    return page, confirm(client, model, page)


def messages_of(page) -> list[str]:
    return [str(message) for message in page.context["messages"]]
