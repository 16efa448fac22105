"""At an add form's save: a fact that may already be recorded is shown with a link, and
the editor chooses: it is new, it is the same fact (add this source to that one), or
(for a pledge) it is part of that one. The rules of what may repeat live with each
model (pledges/overlaps.py, agreements/querysets.py); this is the form's side."""

from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils.html import format_html, format_html_join

NEW, PART = "new", "part"


class DuplicateCheckForm(forms.ModelForm):
    """An add form that refuses, once, to save a fact that may repeat a recorded one."""

    fact_field = ""  # the citation's field for this kind of fact
    citation_prefix = "citations"  # the citation inline's prefix on the form
    choices = [("", "check it against the recorded ones"), (NEW, "new: a different fact")]

    duplicate_choice = forms.ChoiceField(
        required=False,
        widget=forms.RadioSelect,
        label="If it may repeat a recorded one",
        help_text="Asked because a similar one is recorded (named above).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate_choice"].choices = self.choices

    def possible_duplicates(self, cleaned) -> list:
        raise NotImplementedError

    def take_as_part(self, cleaned, whole) -> None:
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk or self.errors or cleaned.get("duplicate_choice") == NEW:
            return cleaned
        duplicates = self.possible_duplicates(cleaned)
        if not duplicates:
            return cleaned
        if cleaned.get("duplicate_choice") == PART and len(duplicates) == 1:
            self.take_as_part(cleaned, duplicates[0])
            return cleaned
        raise forms.ValidationError(self._warning(duplicates), code="possible_duplicate")

    def _add_source_url(self, fact) -> str:
        """The citation form for the recorded fact, with this form's source and quote."""
        query = {self.fact_field: fact.pk, "_return": self._change_url(fact)}
        for name in ("source", "quote"):
            if value := self.data.get(f"{self.citation_prefix}-0-{name}"):
                query[name] = value
        return reverse("admin:sources_citation_add") + "?" + urlencode(query)

    @staticmethod
    def _change_url(fact) -> str:
        meta = fact._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[fact.pk])

    def _warning(self, duplicates):
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a> · <a href="{}">same fact: add this source to it</a></li>',
            ((self._change_url(fact), str(fact), self._add_source_url(fact)) for fact in duplicates),
        )
        options = ", ".join(f"“{label}”" for value, label in self.choices if value)
        return format_html(
            "This may already be recorded:<ul>{}</ul>Choose below: {}, or follow a link to add "
            "this source to the recorded one.",
            rows,
            options,
        )
