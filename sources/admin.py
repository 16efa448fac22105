from django.contrib import admin, messages
from django.db import models
from django.forms import Textarea
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme

from core.admin_base import TrackedAdmin
from core.import_admin import SpreadsheetImportMixin
from sources.imports import SourceResource
from sources.models import CITED_FACTS, FACTS_NEEDING_A_SOURCE, Citation, Claim, Dispute, Source, SourceText

# Text boxes in inline rows: two lines, so a row stays a row.
SHORT_TEXT = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 40})}}


class CitationInlineBase(admin.TabularInline):
    model = Citation
    formfield_overrides = SHORT_TEXT
    extra = 1
    autocomplete_fields = ["source"]
    fields = ["source", "quote", "quote_form", "locator", "note", "editor_note"]
    verbose_name = "source for this fact"
    verbose_name_plural = "sources for this fact (quote the sentence)"


def citation_inline(fact_field: str) -> type[admin.TabularInline]:
    """An inline of the citations backing one kind of fact, for that fact's admin page."""
    return type(
        f"{fact_field.title().replace('_', '')}CitationInline",
        (CitationInlineBase,),
        {"fk_name": fact_field},
    )


def needs_a_source(model) -> bool:
    return any(model._meta.label == label for _, label in FACTS_NEEDING_A_SOURCE)


def warn_uncited(request, facts) -> None:
    """Say at save which facts still have no source, linking to where one is entered.

    A warning, not a refusal: a source is often added just after, and facts entered in
    another page's inline (milestones on an agreement's) have no citation box there.
    `manage.py data_quality` lists those still uncited.
    """
    for fact in facts:
        if fact.pk is None or fact.citations.exists():
            continue
        meta = fact._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[fact.pk])
        messages.warning(
            request,
            format_html(
                '{} "{}" has no citation yet: <a href="{}#citations-group">add its source</a>.',
                meta.verbose_name.capitalize(),
                fact,
                url,
            ),
        )


# The add form's address may name the citation to attach (article intake's links):
# ?_cite_source=<source id>&_cite_quote=<sentence>&_return=<page to go back to>.
CITE_SOURCE, CITE_QUOTE, RETURN_TO = "_cite_source", "_cite_quote", "_return"


class CitationPrefillMixin:
    """An add form opened with a source and a quote in its address shows them in its
    first citation row, and goes back to where it was opened from once saved."""

    def get_changeform_initial_data(self, request):
        # Django reads every GET parameter as a field's initial value; ours are not fields.
        initial = super().get_changeform_initial_data(request)
        return {key: value for key, value in initial.items() if not key.startswith("_")}

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        # Only on the form's first showing: an unchanged prefilled row would be skipped at
        # save, while the posted row differs from an empty one and is saved.
        if request.method == "GET" and isinstance(inline, CitationInlineBase) and CITE_SOURCE in request.GET:
            kwargs["initial"] = [
                {"source": request.GET[CITE_SOURCE], "quote": request.GET.get(CITE_QUOTE, "")}
            ]
        return kwargs

    def _return_address(self, request):
        target = request.GET.get(RETURN_TO, "")
        if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            return target
        return None

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        plain_save = not ({"_continue", "_addanother", "_popup"} & set(request.POST))
        if plain_save and (target := self._return_address(request)):
            return HttpResponseRedirect(target)
        return response


class CitationReminderMixin(CitationPrefillMixin):
    """For the admin of a cited fact: warn on save when it, or a fact saved in one of its
    inlines, has no citation; an add form may come prefilled with its citation."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        facts = [form.instance]
        for formset in formsets:
            facts += formset.new_objects + [fact for fact, _ in formset.changed_objects]
        warn_uncited(request, [fact for fact in facts if needs_a_source(type(fact))])


class CitedByInline(admin.TabularInline):
    """On a source's page: the facts it backs, read-only."""

    model = Citation
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["fact_link", "quote"]
    readonly_fields = fields
    verbose_name_plural = "facts this source backs"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # Each row prints the citation (its source) and its fact, whose name reads its parent.
        return super().get_queryset(request).select_related("source", *Citation.FACT_PARENTS)

    @admin.display(description="fact")
    def fact_link(self, citation):
        return str(citation.fact)


class SourceTextInline(admin.StackedInline):
    """The stored text, on the source's admin page only (staff): never on public pages."""

    model = SourceText
    extra = 0
    max_num = 1
    can_delete = False
    verbose_name = "stored text (private: used to check quotes)"
    verbose_name_plural = verbose_name


@admin.register(Source)
class SourceAdmin(SpreadsheetImportMixin, TrackedAdmin):
    resource_classes = [SourceResource]
    list_display = ["title", "publisher", "published_on", "kind", "language"]
    list_filter = ["kind", "language", "publisher"]
    search_fields = ["title", "publisher", "author", "url"]
    date_hierarchy = "published_on"
    inlines = [SourceTextInline, CitedByInline]
    fieldsets = [
        (None, {"fields": ["title", "publisher", "author", "kind", "url", "language"]}),
        (
            "Publication date (an article's dateline)",
            {"fields": ["published_on", "published_precision"]},
        ),
        (None, {"fields": ["notes", "editor_note"]}),
    ]


@admin.register(Citation)
class CitationAdmin(CitationPrefillMixin, TrackedAdmin):
    list_display = ["source", "fact_label", "quote", "quote_form"]
    list_select_related = ["source", *Citation.FACT_PARENTS]
    search_fields = ["quote", "source__title", "source__publisher"]
    autocomplete_fields = ["source", *[name for name, _ in CITED_FACTS]]

    @admin.display(description="fact")
    def fact_label(self, citation):
        return str(citation.fact)


class ClaimInline(admin.StackedInline):
    model = Claim
    extra = 2
    fields = [("statement", "is_preferred"), "reason"]
    formfield_overrides = SHORT_TEXT
    show_change_link = True  # a claim's citations are entered on its own page


@admin.register(Dispute)
class DisputeAdmin(CitationReminderMixin, TrackedAdmin):
    list_display = ["topic", "agreement", "pledge", "is_open"]
    list_select_related = ["agreement", "pledge__donor"]
    list_filter = ["is_open"]
    search_fields = ["topic", "note", "claims__statement", "agreement__title"]
    autocomplete_fields = ["agreement", "pledge"]
    inlines = [ClaimInline]


@admin.register(Claim)
class ClaimAdmin(CitationReminderMixin, TrackedAdmin):
    list_display = ["dispute", "statement", "is_preferred"]
    list_select_related = ["dispute"]
    list_filter = ["is_preferred"]
    search_fields = ["statement", "reason", "dispute__topic"]
    autocomplete_fields = ["dispute"]
    inlines = [citation_inline("claim")]
