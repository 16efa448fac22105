"""Turn an admin change page into the POST data its form would send, for tests."""

import datetime

from django.db.models import Model


def _value(value):
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_value(v) for v in value]
    return "" if value is None else value


def _add_form(data, form):
    for name in form.fields:
        value = form[name].value()
        if value is False:
            continue  # an unticked checkbox sends nothing
        data[form.add_prefix(name)] = _value(value)


def change_form_data(response) -> dict:
    """The data of the page's main form and every inline, as the browser would post it."""
    data = {}
    _add_form(data, response.context["adminform"].form)
    # A history page (revert) shows the main form only.
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        _add_form(data, formset.management_form)
        for form in formset.forms:  # the empty extra rows too, with their defaults
            _add_form(data, form)
    return data


def add_inline_row(data, prefix, **fields) -> dict:
    """Fill the next empty row of the inline formset `prefix`."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = index + 1
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = _value(value)
    return data
