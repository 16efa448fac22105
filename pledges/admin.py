from django.contrib import admin
from import_export.admin import ImportMixin
from simple_history.admin import SimpleHistoryAdmin

from core.admin_concurrency import StaleEditGuardMixin
from core.admin_input import AdminInputMixin
from pledges.imports import PledgeResource, ProgrammeResource
from pledges.models import ExchangeRate, Pledge, Programme, ProgrammeMembership
from pledges.services import pledge_save
from sources.admin import citation_inline


@admin.register(Pledge)
class PledgeAdmin(StaleEditGuardMixin, AdminInputMixin, ImportMixin, SimpleHistoryAdmin):
    resource_classes = [PledgeResource]
    list_display = [
        "donor",
        "recipient",
        "category",
        "purpose",
        "amount",
        "currency",
        "amount_eur",
        "announced_on",
    ]
    list_select_related = ["donor", "recipient"]
    list_filter = ["category", "status", "currency", "programme", "donor"]
    search_fields = [
        "purpose",
        "item",
        "basis",
        "donor__name",
        "programme__name",
        "agreement__title",
    ]
    date_hierarchy = "announced_on"
    autocomplete_fields = ["donor", "recipient", "agreement", "programme"]
    readonly_fields = ["amount_eur", "eur_rate", "eur_rate_year", "eur_rate_source", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "donor",
                    "recipient",
                    "agreement",
                    "programme",
                    "category",
                    "purpose",
                    "status",
                ]
            },
        ),
        (
            "What is pledged",
            {"fields": ["amount_qualifier", "amount", "currency", "quantity", "item", "basis"]},
        ),
        (
            "When",
            {
                "fields": [
                    "announced_on",
                    "announced_precision",
                    "period_start_year",
                    "period_end_year",
                ]
            },
        ),
        (
            "In euros (computed when the amount changes)",
            {"fields": ["amount_eur", "eur_rate", "eur_rate_year", "eur_rate_source"]},
        ),
        (None, {"fields": ["notes", "updated_at"]}),
    ]
    inlines = [citation_inline("pledge")]

    def save_model(self, request, pledge, form, change):
        pledge_save(pledge=pledge)  # converts the amount to euros when it changed


class ProgrammeMembershipInline(admin.TabularInline):
    model = ProgrammeMembership
    extra = 1
    autocomplete_fields = ["party"]
    show_change_link = True


class ProgrammePledgeInline(admin.TabularInline):
    model = Pledge
    extra = 0
    fields = ["donor", "purpose", "amount", "currency", "amount_eur"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    verbose_name_plural = "pledges through this programme"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Programme)
class ProgrammeAdmin(StaleEditGuardMixin, AdminInputMixin, ImportMixin, SimpleHistoryAdmin):
    resource_classes = [ProgrammeResource]
    list_display = ["name", "kind", "budget_amount", "budget_currency", "start_year", "end_year"]
    list_filter = ["kind"]
    search_fields = ["name", "description", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProgrammeMembershipInline, citation_inline("programme"), ProgrammePledgeInline]


@admin.register(ProgrammeMembership)
class ProgrammeMembershipAdmin(StaleEditGuardMixin, AdminInputMixin, SimpleHistoryAdmin):
    list_display = ["programme", "party", "role"]
    list_select_related = ["programme", "party"]
    list_filter = ["role", "programme"]
    search_fields = ["programme__name", "party__name"]
    autocomplete_fields = ["programme", "party"]
    inlines = [citation_inline("programme_membership")]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(StaleEditGuardMixin, AdminInputMixin, SimpleHistoryAdmin):
    list_display = ["year", "currency", "units_per_eur", "business_days"]
    list_filter = ["year", "currency"]
    search_fields = ["currency"]
    autocomplete_fields = ["source"]
