"""Bulk import of agreements and milestones, in the columns of their CSV exports."""

from django.core.exceptions import ValidationError
from import_export import resources, widgets

from agreements.models import Agreement, AgreementParty, Area, Milestone, PartyRole
from agreements.services import agreement_refresh_status
from core.imports import SpreadsheetResource, parse_pairs, slug_field, split_values
from donors.models import Party


class AgreementResource(SpreadsheetResource):
    """Matched by slug. Parties come from `party_roles`, areas from `area_slugs` (an
    unknown area is created); status and signing date stay derived from milestones."""

    id_column = "agreement_id"
    framework_slug = slug_field("framework_slug", "framework", Agreement)
    party_roles = resources.Field(column_name="party_roles", attribute=None)
    area_slugs = resources.Field(column_name="area_slugs", attribute=None)

    class Meta(SpreadsheetResource.Meta):
        model = Agreement
        import_id_fields = ("slug",)
        fields = (
            "slug",
            "title",
            "kind",
            "is_bilateral",
            "term_years",
            "term_note",
            "binding_nature",
            "framework_slug",
            "summary",
            "text_url",
            "notes",
            "party_roles",
            "area_slugs",
        )

    def import_instance(self, agreement, row, **kwargs):
        errors = {}
        try:
            super().import_instance(agreement, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        try:
            agreement.imported_roles = self.clean_roles(agreement, row)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def clean_roles(self, agreement, row):
        pairs = parse_pairs(row.get("party_roles"), "party_roles", PartyRole.values)
        parties = Party.objects.in_bulk([slug for slug, _ in pairs], field_name="slug")
        unknown = [slug for slug, _ in pairs if slug not in parties]
        if unknown:
            raise ValidationError({"party_roles": f"No party with slug {', '.join(unknown)}."})
        if agreement.is_bilateral and len(pairs) != 2:
            message = f"A bilateral agreement has exactly two parties; this row names {len(pairs)}."
            raise ValidationError({"party_roles": message})
        return [(parties[slug], role) for slug, role in pairs]

    def skip_row(self, agreement, original, row, import_validation_errors=None):
        if import_validation_errors or not hasattr(agreement, "imported_roles"):
            return False
        if not super().skip_row(agreement, original, row, import_validation_errors):
            return False
        current = sorted((r.party.slug, r.role) for r in agreement.party_roles.select_related("party"))
        wanted = sorted((party.slug, role) for party, role in agreement.imported_roles)
        areas = sorted(agreement.areas.values_list("slug", flat=True))
        return current == wanted and areas == sorted(split_values(row.get("area_slugs")))

    def save_m2m(self, agreement, row, **kwargs):
        super().save_m2m(agreement, row, **kwargs)
        wanted = {(party.pk, role) for party, role in agreement.imported_roles}
        for link in agreement.party_roles.all():
            if (link.party_id, link.role) not in wanted:
                link.delete()
        for party, role in agreement.imported_roles:
            AgreementParty.objects.update_or_create(agreement=agreement, party=party, defaults={"role": role})
        areas = []
        for slug in split_values(row.get("area_slugs")):
            area, _ = Area.objects.get_or_create(
                slug=slug, defaults={"name": slug.replace("-", " ").capitalize()}
            )
            areas.append(area)
        agreement.areas.set(areas)


class MilestoneResource(SpreadsheetResource):
    """Matched by milestone_id; the agreement's status is derived again after the import."""

    id_column = "milestone_id"
    milestone_id = resources.Field(attribute="id", column_name="milestone_id", widget=widgets.IntegerWidget())
    agreement_slug = slug_field("agreement_slug", "agreement", Agreement)
    party_slug = slug_field("party_slug", "party", Party)

    class Meta(SpreadsheetResource.Meta):
        model = Milestone
        import_id_fields = ("milestone_id",)
        fields = (
            "milestone_id",
            "agreement_slug",
            "kind",
            "date",
            "date_precision",
            "place",
            "party_slug",
            "is_preferred",
            "note",
        )

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        slugs = {row.get("agreement_slug") for row in dataset.dict}
        for agreement in Agreement.objects.filter(slug__in=slugs):
            agreement_refresh_status(agreement=agreement)
