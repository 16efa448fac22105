from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from agreements.imports import AgreementResource, MilestoneResource
from agreements.models import Agreement, AgreementParty, Area, Milestone, PartyRole, Signatory
from agreements.querysets import possible_duplicate_milestones
from agreements.services import milestone_delete, milestone_save
from core.admin_base import TrackedAdmin
from core.admin_search import RankedSearchMixin
from core.admin_services import ServiceFormSet
from core.import_admin import SpreadsheetImportMixin
from sources.admin import SHORT_TEXT, CitationReminderMixin, citation_inline
from sources.duplicates import DuplicateCheckForm


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


PREFERRED_CLAIM = next(c for c in Milestone._meta.constraints if c.name == "milestone_one_preferred")


class MilestoneFormSet(ServiceFormSet):
    """Through the service, so each change re-derives the agreement's status."""

    def clean(self):
        """One preferred claim per milestone spans the agreement, which a row's form leaves
        out of its checks: check the rows as they will be after this save (the milestones
        not on the page, and the page's rows as edited), so the editor gets a message
        instead of a failed save."""
        super().clean()
        on_page = {form.instance.pk for form in self.forms if form.instance.pk}
        taken = (
            {
                (m.kind, m.party_id)
                for m in self.instance.milestones.filter(is_preferred=True).exclude(pk__in=on_page)
            }
            if self.instance.pk
            else set()
        )
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or form.errors or self._should_delete_form(form) or not data.get("is_preferred"):
                continue
            claim = (data.get("kind"), data["party"].pk if data.get("party") else None)
            if claim in taken:
                form.add_error("is_preferred", PREFERRED_CLAIM.violation_error_message)
            taken.add(claim)

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
class AgreementAdmin(CitationReminderMixin, RankedSearchMixin, SpreadsheetImportMixin, TrackedAdmin):
    resource_classes = [AgreementResource]
    import_link_models = (AgreementParty,)  # an import may delete these (and area links), if asked
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
    ranked_fields = ["title", "slug"]
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


class MilestoneForm(DuplicateCheckForm):
    fact_field = "milestone"

    def possible_duplicates(self, cleaned):
        return possible_duplicate_milestones(
            agreement=cleaned.get("agreement"), kind=cleaned.get("kind"), date=cleaned.get("date")
        )


@admin.register(Milestone)
class MilestoneAdmin(CitationReminderMixin, SpreadsheetImportMixin, TrackedAdmin):
    form = MilestoneForm
    resource_classes = [MilestoneResource]
    list_display = ["agreement", "kind", "date", "date_precision", "place", "is_preferred"]
    list_select_related = ["agreement"]
    list_filter = ["kind", "is_preferred", "date_precision"]
    search_fields = ["agreement__title", "place", "note"]
    autocomplete_fields = ["agreement", "party"]
    date_hierarchy = "date"
    inlines = [citation_inline("milestone")]

    def get_fields(self, request, obj=None):
        # Asked of a new milestone once a save found a similar one (so on a posted form only).
        fields = [name for name in super().get_fields(request, obj) if name != "duplicate_choice"]
        return fields if obj or request.method != "POST" else [*fields, "duplicate_choice"]

    def save_model(self, request, milestone, form, change):
        milestone_save(milestone=milestone)  # re-derives the agreement's status

    def delete_model(self, request, milestone):
        milestone_delete(milestone=milestone)

    def delete_queryset(self, request, queryset):
        for milestone in queryset.select_related("agreement"):
            milestone_delete(milestone=milestone)


@admin.register(Signatory)
class SignatoryAdmin(CitationReminderMixin, TrackedAdmin):
    list_display = ["person", "title", "party", "agreement"]
    list_select_related = ["person", "party", "agreement"]
    search_fields = ["person__name", "title", "agreement__title"]
    autocomplete_fields = ["agreement", "person", "party", "office"]
    inlines = [citation_inline("signatory")]


@admin.register(Area)
class AreaAdmin(RankedSearchMixin, TrackedAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    ranked_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
