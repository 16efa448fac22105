"""Two editors saving the same record: the second is told what changed instead of reverting it.

Every admin change form carries, in a hidden field, the record's stored values as they
were when the form was rendered. At save the row is locked (SELECT ... FOR UPDATE,
held until the request's transaction ends) and read again; if it no longer matches,
the save is refused with the fields that changed meanwhile (as the editor saw them →
as they are now) and a link to the record's history. Nothing is written.
"""

import json

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html, format_html_join

STORED_STATE = "stored_state"


def stored_columns(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields if not field.generated]


def stored_state(model, pk, *, lock: bool = False) -> dict | None:
    """The row's stored values, as JSON would carry them (None when the row is gone)."""
    rows = model._default_manager.filter(pk=pk)
    if lock:
        rows = rows.select_for_update()
    row = rows.values(*stored_columns(model)).first()
    return None if row is None else json.loads(json.dumps(row, cls=DjangoJSONEncoder))


def conflict_message(model, pk, seen: dict, current: dict | None):
    opts = model._meta
    if current is None:
        return f"This {opts.verbose_name} was deleted by someone else since you opened it."
    names = {field.attname: field.verbose_name for field in opts.concrete_fields}
    changes = format_html_join(
        "; ", "{}: {} → {}", ((names[k], seen.get(k), v) for k, v in current.items() if seen.get(k) != v)
    )
    history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[pk])
    return format_html(
        "This {} was changed by someone else since you opened it, so your changes were not saved. "
        "Changed meanwhile: {}. Open it again to see the current values and make your change "
        'again (<a href="{}">history</a>).',
        opts.verbose_name,
        changes,
        history,
    )


class StoredStateFormMixin:
    """Form side: renders the stored state and refuses a save when the row has moved on."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            state = stored_state(type(self.instance), self.instance.pk)
            self.initial[STORED_STATE] = json.dumps(state, sort_keys=True)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        try:
            seen = json.loads(cleaned_data.get(STORED_STATE) or "null")
        except ValueError:
            seen = None
        model = type(self.instance)
        current = stored_state(model, self.instance.pk, lock=True)
        if not isinstance(seen, dict) or seen != current:
            raise ValidationError(conflict_message(model, self.instance.pk, seen or {}, current), "conflict")
        return cleaned_data


class StaleEditGuardMixin:
    """ModelAdmin side: adds the hidden field to the form and to the change page."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = kwargs.pop("form", self.form)
        field = forms.CharField(widget=forms.HiddenInput, required=False)
        form = type(f"Guarded{base.__name__}", (StoredStateFormMixin, base), {STORED_STATE: field})
        return super().get_form(request, obj, change=change, form=form, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or STORED_STATE in flatten_fieldsets(fieldsets):
            return fieldsets
        return [*fieldsets, (None, {"fields": [STORED_STATE], "classes": ["hidden"]})]
