"""Bulk import of parties, in the columns of their CSV export."""

from django.core.exceptions import ValidationError
from import_export import resources

from core.imports import SpreadsheetResource, split_values
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

    def skip_row(self, party, original, row, import_validation_errors=None):
        if import_validation_errors or not super().skip_row(party, original, row, import_validation_errors):
            return False
        current = sorted(party.membership_rows.values_list("organisation__slug", flat=True))
        return current == sorted(split_values(row.get("member_of_slugs")))

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if result.has_errors() or result.has_validation_errors():
            return
        parties = Party.objects.in_bulk(field_name="slug")
        for row in dataset.dict:
            member = parties[row["slug"]]
            wanted = set(split_values(row.get("member_of_slugs")))
            member.membership_rows.exclude(organisation__slug__in=wanted).delete()
            for slug in wanted:
                Membership.objects.get_or_create(member=member, organisation=parties[slug])
