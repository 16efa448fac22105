"""Bulk import of pledges and programmes, in the columns of their CSV exports."""

from django.core.exceptions import ValidationError
from import_export import resources, widgets

from agreements.models import Agreement
from core.import_cells import column_ids, diff_links, parse_pairs, slug_field
from core.imports import SpreadsheetResource
from donors.models import Party
from pledges.models import Pledge, Programme, ProgrammeMembership, ProgrammeRole
from pledges.services import RateTable, pledge_convert, pledge_years_write


class PledgeResource(SpreadsheetResource):
    """Matched by pledge_id. The euro figures: a row carrying eur_rate (as exported)
    keeps that rate and year, and amount_eur is recomputed from it; a row without
    one, or whose currency or year has changed, is converted from the rate table."""

    id_column = "pledge_id"
    pledge_id = resources.Field(attribute="id", column_name="pledge_id", widget=widgets.IntegerWidget())
    donor_slug = slug_field("donor_slug", "donor", Party)
    recipient_slug = slug_field("recipient_slug", "recipient", Party)
    agreement_slug = slug_field("agreement_slug", "agreement", Agreement)
    programme_slug = slug_field("programme_slug", "programme", Programme)
    part_of_id = resources.Field(
        attribute="part_of_id", column_name="part_of_id", widget=widgets.IntegerWidget()
    )
    fulfils_id = resources.Field(
        attribute="fulfils_id", column_name="fulfils_id", widget=widgets.IntegerWidget()
    )
    eur_rate = resources.Field(attribute="eur_rate", column_name="eur_rate", widget=widgets.DecimalWidget())
    eur_rate_year = resources.Field(
        attribute="eur_rate_year", column_name="eur_rate_year", widget=widgets.IntegerWidget()
    )

    class Meta(SpreadsheetResource.Meta):
        model = Pledge
        use_bulk = True  # thousands of rows: one statement per batch (core.imports.write_batch)
        batch_size = 1000
        import_id_fields = ("pledge_id",)
        fields = (
            "pledge_id",
            "donor_slug",
            "recipient_slug",
            "agreement_slug",
            "programme_slug",
            "category",
            "purpose",
            "amount",
            "currency",
            "amount_qualifier",
            "quantity",
            "item",
            "basis",
            "announced_on",
            "announced_precision",
            "period_start_year",
            "period_end_year",
            "status",
            "part_of_id",
            "fulfils_id",
            "amount_basis",
            "eur_rate",
            "eur_rate_year",
            "notes",
        )

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.rates = RateTable()
        linked = column_ids(dataset, "part_of_id") | column_ids(dataset, "fulfils_id")
        wanted = Pledge.objects.filter(pk__in=linked)
        self.known_ids = set(wanted.values_list("pk", flat=True)) | column_ids(dataset, "pledge_id")

    def import_instance(self, pledge, row, **kwargs):
        money_before = None if pledge._state.adding else self.money_years(pledge)
        errors = {}
        try:
            super().import_instance(pledge, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for column in ("part_of_id", "fulfils_id"):
            linked = getattr(pledge, column)
            if linked is not None and linked not in self.known_ids:
                errors[column] = [f"No pledge {linked}."]
        for name in ("amount", "eur_rate"):  # sizes the conversion can work with
            try:
                if getattr(pledge, name) is not None:
                    Pledge._meta.get_field(name).run_validators(getattr(pledge, name))
            except ValidationError as error:
                errors.setdefault(name, error.messages)
        moved = money_before is not None and money_before != self.money_years(pledge)
        if not {"amount", "currency", "eur_rate"} & set(errors):  # before validation, which checks the euros
            pledge_convert(pledge, rates=self.rates, keep_rate=not moved)
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def money_years(pledge):
        """What, changed, makes the stored rates no longer the ones to keep."""
        return (pledge.currency, pledge.amount_basis, pledge.years_covered)

    def after_write(self, pledges):
        pledge_years_write(*pledges)


class ProgrammeResource(SpreadsheetResource):
    """Matched by slug; leads and members come from `member_roles`."""

    id_column = "programme_id"
    member_roles = resources.Field(column_name="member_roles", attribute=None)

    class Meta(SpreadsheetResource.Meta):
        model = Programme
        import_id_fields = ("slug",)
        fields = (
            "slug",
            "name",
            "kind",
            "budget_amount",
            "budget_currency",
            "start_year",
            "end_year",
            "url",
            "description",
            "member_roles",
        )

    def import_instance(self, programme, row, **kwargs):
        super().import_instance(programme, row, **kwargs)
        pairs = parse_pairs(row.get("member_roles"), "member_roles", ProgrammeRole.values)
        parties = Party.objects.in_bulk([slug for slug, _ in pairs], field_name="slug")
        unknown = [slug for slug, _ in pairs if slug not in parties]
        if unknown:
            raise ValidationError({"member_roles": f"No party with slug {', '.join(unknown)}."})
        programme.imported_members = {parties[slug].pk: role for slug, role in pairs}

    def member_changes(self, programme):
        current = {} if programme._state.adding else {m.party_id: m for m in programme.memberships.all()}
        return diff_links(current, programme.imported_members, lambda membership: membership.role)

    def links_change(self, programme, row):
        writes, missing = self.member_changes(programme)
        return bool(writes or (self.delete_missing and missing))

    def save_m2m(self, programme, row, **kwargs):
        super().save_m2m(programme, row, **kwargs)
        writes, missing = self.member_changes(programme)
        self.remove_links(kwargs["row_number"], missing)
        for party_id, role in writes.items():
            ProgrammeMembership.objects.update_or_create(
                programme=programme, party_id=party_id, defaults={"role": role}
            )
