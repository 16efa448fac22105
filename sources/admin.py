from django.contrib import admin
from django.db import models
from django.forms import Textarea
from import_export.admin import ImportMixin
from simple_history.admin import SimpleHistoryAdmin

from sources.imports import SourceResource
from sources.models import CITED_FACTS, Citation, Claim, Dispute, Source

# Text boxes in inline rows: two lines, so a row stays a row.
SHORT_TEXT = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 40})}}


class CitationInlineBase(admin.TabularInline):
    model = Citation
    formfield_overrides = SHORT_TEXT
    extra = 1
    autocomplete_fields = ["source"]
    fields = ["source", "quote", "locator", "note", "editor_note"]
    verbose_name = "source for this fact"
    verbose_name_plural = "sources for this fact (quote the sentence)"


def citation_inline(fact_field: str) -> type[admin.TabularInline]:
    """An inline of the citations backing one kind of fact, for that fact's admin page."""
    return type(
        f"{fact_field.title().replace('_', '')}CitationInline",
        (CitationInlineBase,),
        {"fk_name": fact_field},
    )


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


@admin.register(Source)
class SourceAdmin(ImportMixin, SimpleHistoryAdmin):
    resource_classes = [SourceResource]
    list_display = ["title", "publisher", "published_on", "kind", "language"]
    list_filter = ["kind", "language", "publisher"]
    search_fields = ["title", "publisher", "author", "url"]
    date_hierarchy = "published_on"
    inlines = [CitedByInline]
    fieldsets = [
        (None, {"fields": ["title", "publisher", "author", "kind", "url", "language"]}),
        (
            "Publication date (an article's dateline)",
            {"fields": ["published_on", "published_precision"]},
        ),
        (None, {"fields": ["notes", "editor_note"]}),
    ]


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin):
    list_display = ["source", "fact_label", "quote"]
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
class DisputeAdmin(SimpleHistoryAdmin):
    list_display = ["topic", "agreement", "pledge", "is_open"]
    list_select_related = ["agreement", "pledge__donor"]
    list_filter = ["is_open"]
    search_fields = ["topic", "note", "claims__statement", "agreement__title"]
    autocomplete_fields = ["agreement", "pledge"]
    inlines = [ClaimInline]


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ["dispute", "statement", "is_preferred"]
    list_select_related = ["dispute"]
    list_filter = ["is_preferred"]
    search_fields = ["statement", "reason", "dispute__topic"]
    autocomplete_fields = ["dispute"]
    inlines = [citation_inline("claim")]
