from django.contrib import admin, messages

from agreements.admin import AgreementAdmin
from agreements.models import Agreement
from core.admin_base import TrackedAdmin
from core.admin_search import RankedSearchMixin
from core.admin_services import ServiceFormSet
from core.import_admin import SpreadsheetImportMixin
from pledges.imports import PledgeResource, ProgrammeResource
from pledges.models import ExchangeRate, Pledge, PledgeYear, Programme, ProgrammeMembership
from pledges.overlaps import overlap_problem, pledge_overlaps, possible_duplicates
from pledges.services import pledge_save
from sources.admin import CitationReminderMixin, citation_inline
from sources.duplicates import PART, DuplicateCheckForm


class PledgeForm(DuplicateCheckForm):
    fact_field = "pledge"
    choices = [*DuplicateCheckForm.choices, (PART, "part of that pledge (a share of it)")]

    def possible_duplicates(self, cleaned):
        start = cleaned.get("period_start_year") or (
            cleaned["announced_on"].year if cleaned.get("announced_on") else None
        )
        years = (start, cleaned.get("period_end_year") or start) if start else None
        return possible_duplicates(
            donor=cleaned.get("donor"),
            amount=cleaned.get("amount"),
            currency=cleaned.get("currency", ""),
            years=years,
        )

    def take_as_part(self, cleaned, whole):
        cleaned["part_of"] = whole


class PledgeYearInline(admin.TabularInline):
    """The yearly parts, computed by pledges.services on save: shown, never edited."""

    model = PledgeYear
    extra = 0
    fields = ["year", "amount", "amount_eur", "eur_rate", "eur_rate_year", "eur_rate_source"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "year by year (computed when the amount changes)"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Pledge)
class PledgeAdmin(CitationReminderMixin, SpreadsheetImportMixin, TrackedAdmin):
    form = PledgeForm
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
    autocomplete_fields = ["donor", "recipient", "agreement", "programme", "part_of", "fulfils"]
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
                    "part_of",
                    "fulfils",
                    "category",
                    "purpose",
                    "status",
                ]
            },
        ),
        (
            "What is pledged",
            {
                "fields": [
                    "amount_qualifier",
                    "amount",
                    "currency",
                    "amount_basis",
                    "quantity",
                    "item",
                    "basis",
                ]
            },
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
        (None, {"fields": ["notes", "editor_note", "updated_at"]}),
    ]
    inlines = [citation_inline("pledge"), PledgeYearInline]

    def get_fieldsets(self, request, obj=None):
        # Asked of a new pledge once a save found a similar one (so on a posted form only).
        fieldsets = super().get_fieldsets(request, obj)
        if obj or request.method != "POST":
            return fieldsets
        return [*fieldsets, (None, {"fields": ["duplicate_choice"]})]

    def save_model(self, request, pledge, form, change):
        pledge_save(pledge=pledge)  # converts the amount to euros when it changed

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        pledge = form.instance
        for pair in pledge_overlaps(Pledge.objects.filter(donor=pledge.donor_id)):
            if pledge in pair:
                other = pair[0] if pair[1] == pledge else pair[1]
                messages.warning(request, f"This pledge: {overlap_problem(other)}")


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
class ProgrammeAdmin(CitationReminderMixin, RankedSearchMixin, SpreadsheetImportMixin, TrackedAdmin):
    resource_classes = [ProgrammeResource]
    import_link_models = (ProgrammeMembership,)  # an import may delete these, if asked
    list_display = ["name", "kind", "budget_amount", "budget_currency", "start_year", "end_year"]
    list_filter = ["kind"]
    search_fields = ["name", "description", "slug"]
    ranked_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProgrammeMembershipInline, citation_inline("programme"), ProgrammePledgeInline]


@admin.register(ProgrammeMembership)
class ProgrammeMembershipAdmin(CitationReminderMixin, TrackedAdmin):
    list_display = ["programme", "party", "role"]
    list_select_related = ["programme", "party"]
    list_filter = ["role", "programme"]
    search_fields = ["programme__name", "party__name"]
    autocomplete_fields = ["programme", "party"]
    inlines = [citation_inline("programme_membership")]


class PledgeFormSet(ServiceFormSet):
    def save_row(self, pledge):
        return pledge_save(pledge=pledge)  # converts the amount to euros


class AgreementPledgeInline(admin.StackedInline):
    model = Pledge
    formset = PledgeFormSet
    extra = 0
    autocomplete_fields = ["donor", "recipient", "programme", "part_of"]
    show_change_link = True
    fields = [
        ("donor", "recipient", "programme", "part_of"),
        ("category", "purpose", "status"),
        ("amount_qualifier", "amount", "currency"),
        ("quantity", "item", "basis"),
        ("announced_on", "announced_precision", "period_start_year", "period_end_year"),
        "amount_eur",
    ]
    readonly_fields = ["amount_eur"]


# Pledges depend on agreements, not the other way round: this app adds the pledge
# inline to the agreement's admin page.
admin.site.unregister(Agreement)


@admin.register(Agreement)
class AgreementWithPledgesAdmin(AgreementAdmin):
    inlines = [*AgreementAdmin.inlines, AgreementPledgeInline]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(TrackedAdmin):
    list_display = ["year", "currency", "units_per_eur", "business_days"]
    list_filter = ["year", "currency"]
    search_fields = ["currency"]
    autocomplete_fields = ["source"]
