from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from import_export.admin import ImportMixin
from simple_history.admin import SimpleHistoryAdmin

from agreements.imports import AgreementResource, MilestoneResource
from agreements.models import Agreement, AgreementParty, Area, Milestone, PartyRole, Signatory
from agreements.services import milestone_delete, milestone_save
from core.admin_services import ServiceFormSet
from sources.admin import SHORT_TEXT, citation_inline


class AgreementPartyFormSet(BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        if kwargs.get("instance") is None or kwargs["instance"].pk is None:
            # A new agreement usually has one recipient and one partner.
            kwargs.setdefault("initial", [{"role": PartyRole.RECIPIENT}, {"role": PartyRole.PARTNER}])
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self.instance.is_bilateral:
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and form.cleaned_data.get("party") and not form.cleaned_data.get("DELETE")
        ]
        if len(kept) != 2:
            raise ValidationError(
                f"A bilateral agreement has exactly two parties; this one has {len(kept)}. "
                "Add or remove parties, or untick 'is bilateral'."
            )


class AgreementPartyInline(admin.TabularInline):
    model = AgreementParty
    formset = AgreementPartyFormSet
    extra = 2
    max_num = None
    autocomplete_fields = ["party"]

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj else 2


class MilestoneFormSet(ServiceFormSet):
    """Through the service, so each change re-derives the agreement's status."""

    def save_row(self, milestone):
        return milestone_save(milestone=milestone)

    def delete_row(self, milestone):
        milestone_delete(milestone=milestone)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    formset = MilestoneFormSet
    formfield_overrides = SHORT_TEXT
    extra = 1
    fields = ["kind", "date", "date_precision", "place", "party", "is_preferred", "note", "editor_note"]
    autocomplete_fields = ["party"]
    show_change_link = True  # citations of a milestone are entered on its own page


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 1
    autocomplete_fields = ["person", "party", "office"]
    show_change_link = True


@admin.register(Agreement)
class AgreementAdmin(ImportMixin, SimpleHistoryAdmin):
    resource_classes = [AgreementResource]
    list_display = ["title", "status", "signed_on", "kind", "is_bilateral"]
    list_filter = [
        "status",
        "kind",
        "is_bilateral",
        "binding_nature",
        "areas",
        "party_roles__party",
    ]
    search_fields = ["title", "slug", "summary", "party_roles__party__name"]
    date_hierarchy = "signed_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["framework"]
    filter_horizontal = ["areas"]
    readonly_fields = ["status", "signed_display", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "kind",
                    "is_bilateral",
                    "framework",
                    "summary",
                    "text_url",
                ]
            },
        ),
        ("Term", {"fields": ["term_years", "term_note", "binding_nature"]}),
        (None, {"fields": ["areas", "notes", "editor_note"]}),
        ("Derived from the milestones", {"fields": ["status", "signed_display", "updated_at"]}),
    ]
    inlines = [
        AgreementPartyInline,
        MilestoneInline,
        SignatoryInline,
        citation_inline("agreement"),
    ]  # pledges/admin.py adds the agreement's pledges

    @admin.display(description="signed")
    def signed_display(self, agreement):
        return agreement.signed_display or "not signed"


@admin.register(Milestone)
class MilestoneAdmin(ImportMixin, SimpleHistoryAdmin):
    resource_classes = [MilestoneResource]
    list_display = ["agreement", "kind", "date", "date_precision", "place", "is_preferred"]
    list_select_related = ["agreement"]
    list_filter = ["kind", "is_preferred", "date_precision"]
    search_fields = ["agreement__title", "place", "note"]
    autocomplete_fields = ["agreement", "party"]
    date_hierarchy = "date"
    inlines = [citation_inline("milestone")]

    def save_model(self, request, milestone, form, change):
        milestone_save(milestone=milestone)  # re-derives the agreement's status

    def delete_model(self, request, milestone):
        milestone_delete(milestone=milestone)

    def delete_queryset(self, request, queryset):
        for milestone in queryset.select_related("agreement"):
            milestone_delete(milestone=milestone)


@admin.register(Signatory)
class SignatoryAdmin(SimpleHistoryAdmin):
    list_display = ["person", "title", "party", "agreement"]
    list_select_related = ["person", "party", "agreement"]
    search_fields = ["person__name", "title", "agreement__title"]
    autocomplete_fields = ["agreement", "person", "party", "office"]
    inlines = [citation_inline("signatory")]


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
