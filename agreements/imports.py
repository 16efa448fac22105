"""Bulk import of agreements and milestones, in the columns of their CSV exports."""

from django.core.exceptions import ValidationError
from import_export import resources, widgets

from agreements.models import Agreement, AgreementParty, Area, Milestone, PartyRole
from agreements.services import agreement_refresh_status
from core.import_cells import diff_links, parse_pairs, slug_field, split_values
from core.imports import SpreadsheetResource
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

    def clean_roles(self, agreement, row) -> dict:
        """{party id: role} from the row; a bilateral agreement ends up with two parties."""
        pairs = parse_pairs(row.get("party_roles"), "party_roles", PartyRole.values)
        parties = Party.objects.in_bulk([slug for slug, _ in pairs], field_name="slug")
        unknown = [slug for slug, _ in pairs if slug not in parties]
        if unknown:
            raise ValidationError({"party_roles": f"No party with slug {', '.join(unknown)}."})
        if agreement.is_bilateral and len(pairs) != 2:
            message = f"A bilateral agreement has exactly two parties; this row names {len(pairs)}."
            raise ValidationError({"party_roles": message})
        wanted = {parties[slug].pk: role for slug, role in pairs}
        _, missing = self.role_changes(agreement, wanted)
        if agreement.is_bilateral and missing and not self.delete_missing:
            kept = ", ".join(str(link.party) for link in missing)
            message = (
                f"The agreement also has {kept}, which this row omits; a bilateral agreement has two "
                "parties, so replacing one needs the option to delete links missing from the file."
            )
            raise ValidationError({"party_roles": message})
        return wanted

    def role_changes(self, agreement, wanted):
        current = {} if agreement._state.adding else {r.party_id: r for r in agreement.party_roles.all()}
        return diff_links(current, wanted, lambda link: link.role)

    def area_changes(self, agreement, row):
        current = {} if agreement._state.adding else {area.slug: area for area in agreement.areas.all()}
        return diff_links(current, dict.fromkeys(split_values(row.get("area_slugs"))))

    def links_change(self, agreement, row):
        roles, lost_roles = self.role_changes(agreement, agreement.imported_roles)
        areas, lost_areas = self.area_changes(agreement, row)
        return bool(roles or areas or (self.delete_missing and (lost_roles or lost_areas)))

    def save_m2m(self, agreement, row, **kwargs):
        super().save_m2m(agreement, row, **kwargs)
        roles, lost_roles = self.role_changes(agreement, agreement.imported_roles)
        self.remove_links(kwargs["row_number"], lost_roles)
        for party_id, role in roles.items():
            AgreementParty.objects.update_or_create(
                agreement=agreement, party_id=party_id, defaults={"role": role}
            )
        areas, lost_areas = self.area_changes(agreement, row)
        for slug in areas:
            area, _ = Area.objects.get_or_create(
                slug=slug, defaults={"name": slug.replace("-", " ").capitalize()}
            )
            agreement.areas.add(area)
        if self.delete_missing and lost_areas:
            for area in lost_areas:
                self.summary.deletions.append(
                    f"Row {kwargs['row_number']}: area “{area}” of agreement “{agreement}”."
                )
            agreement.areas.remove(*lost_areas)  # recorded in the agreement's history (m2m_fields)


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
