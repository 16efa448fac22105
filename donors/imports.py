"""Bulk import of parties, in the columns of their CSV export."""

from django.core.exceptions import ValidationError
from import_export import resources

from core.import_cells import diff_links, split_values
from core.imports import SpreadsheetResource
from donors.models import Membership, Party


class PartyResource(SpreadsheetResource):
    """Matched by slug. `member_of_slugs` may name parties further down the same file,
    so memberships are written once every row is in."""

    id_column = "party_id"
    member_of_slugs = resources.Field(column_name="member_of_slugs", attribute=None)

    class Meta(SpreadsheetResource.Meta):
        model = Party
        import_id_fields = ("slug",)
        fields = ("slug", "name", "kind", "iso_code", "official_name", "notes", "member_of_slugs")

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.known_slugs = set(Party.objects.values_list("slug", flat=True)) | {
            row.get("slug") for row in dataset.dict
        }

    def import_instance(self, party, row, **kwargs):
        super().import_instance(party, row, **kwargs)
        unknown = [slug for slug in split_values(row.get("member_of_slugs")) if slug not in self.known_slugs]
        if unknown:
            raise ValidationError({"member_of_slugs": f"No party with slug {', '.join(unknown)}."})

    def membership_changes(self, party, row):
        """(organisation slugs to join, memberships in organisations the row omits)."""
        current = (
            {}
            if party._state.adding
            else {m.organisation.slug: m for m in party.membership_rows.select_related("organisation")}
        )
        return diff_links(current, dict.fromkeys(split_values(row.get("member_of_slugs"))))

    def links_change(self, party, row):
        joins, lost = self.membership_changes(party, row)
        return bool(joins or (self.delete_missing and lost))

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if result.has_errors() or result.has_validation_errors():
            return
        parties = Party.objects.in_bulk(field_name="slug")
        for number, row in enumerate(dataset.dict, 1):
            member = parties[row["slug"]]
            joins, lost = self.membership_changes(member, row)
            self.remove_links(number, lost)
            for slug in joins:
                Membership.objects.get_or_create(member=member, organisation=parties[slug])
