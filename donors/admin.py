from django.contrib import admin

from core.admin_base import TrackedAdmin
from core.admin_search import RankedSearchMixin
from core.import_admin import SpreadsheetImportMixin
from donors.imports import PartyResource
from donors.models import GdpFigure, Membership, Office, Party, Person
from sources.admin import CitationReminderMixin, citation_inline


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "member"
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Party)
class PartyAdmin(CitationReminderMixin, RankedSearchMixin, SpreadsheetImportMixin, TrackedAdmin):
    resource_classes = [PartyResource]
    import_link_models = (Membership,)  # an import may delete these, if asked
    list_display = ["name", "kind", "iso_code"]
    list_filter = ["kind"]
    search_fields = ["name", "official_name", "iso_code", "slug"]
    ranked_fields = ["name", "official_name", "iso_code", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, citation_inline("party")]


class OfficeInline(admin.TabularInline):
    model = Office
    extra = 1
    autocomplete_fields = ["party"]
    show_change_link = True


@admin.register(Person)
class PersonAdmin(CitationReminderMixin, RankedSearchMixin, TrackedAdmin):
    list_display = ["name", "country"]
    list_select_related = ["country"]
    list_filter = ["country"]
    search_fields = ["name", "slug", "offices__title"]
    ranked_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    inlines = [OfficeInline]


@admin.register(Office)
class OfficeAdmin(CitationReminderMixin, TrackedAdmin):
    list_display = ["person", "title", "party", "started_on", "ended_on"]
    list_select_related = ["person", "party"]
    list_filter = ["party"]
    search_fields = ["person__name", "title", "party__name"]
    autocomplete_fields = ["person", "party"]
    date_hierarchy = "started_on"
    inlines = [citation_inline("office")]


@admin.register(Membership)
class MembershipAdmin(CitationReminderMixin, TrackedAdmin):
    list_display = ["member", "organisation", "joined_on", "left_on"]
    list_select_related = ["member", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["member__name", "organisation__name"]
    autocomplete_fields = ["member", "organisation"]
    inlines = [citation_inline("membership")]


@admin.register(GdpFigure)
class GdpFigureAdmin(TrackedAdmin):
    """Written by `manage.py load_gdp` from the World Bank file; shown for checking."""

    list_display = ["country_name", "year", "usd", "eur", "usd_per_eur", "rate_year"]
    list_filter = ["year"]
    search_fields = ["country_name", "country_code"]
    list_select_related = ["source", "rate_source"]
