"""Bulk import of pledges and programmes, in the columns of their CSV exports."""

from decimal import ROUND_HALF_UP

from django.core.exceptions import ValidationError
from import_export import resources, widgets

from agreements.models import Agreement
from core.imports import SpreadsheetResource, parse_pairs, slug_field
from donors.models import Party
from pledges.models import ExchangeRate, Pledge, Programme, ProgrammeMembership, ProgrammeRole
from pledges.services import CENT, pledge_convert


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
    eur_rate = resources.Field(attribute="eur_rate", column_name="eur_rate", widget=widgets.DecimalWidget())
    eur_rate_year = resources.Field(
        attribute="eur_rate_year", column_name="eur_rate_year", widget=widgets.IntegerWidget()
    )

    class Meta(SpreadsheetResource.Meta):
        model = Pledge
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
            "eur_rate",
            "eur_rate_year",
            "notes",
        )

    def import_instance(self, pledge, row, **kwargs):
        super().import_instance(pledge, row, **kwargs)
        self.convert(pledge)  # before validation, which checks the euro figures

    @staticmethod
    def convert(pledge):
        stored = Pledge.objects.filter(pk=pledge.pk).first() if pledge.pk else None
        moved = stored is not None and (stored.currency, stored.reference_year) != (
            pledge.currency,
            pledge.reference_year,
        )
        if pledge.amount is None:
            pledge.amount_eur = pledge.eur_rate = pledge.eur_rate_year = pledge.eur_rate_source = None
        elif pledge.eur_rate and not moved:
            pledge.amount_eur = (pledge.amount / pledge.eur_rate).quantize(CENT, rounding=ROUND_HALF_UP)
            rate = ExchangeRate.objects.filter(currency=pledge.currency, year=pledge.eur_rate_year).first()
            pledge.eur_rate_source = rate.source if rate else None
        else:
            pledge_convert(pledge)


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
        programme.imported_members = [(parties[slug], role) for slug, role in pairs]

    def skip_row(self, programme, original, row, import_validation_errors=None):
        if import_validation_errors or not super().skip_row(
            programme, original, row, import_validation_errors
        ):
            return False
        current = sorted((m.party.slug, m.role) for m in programme.memberships.select_related("party"))
        return current == sorted((party.slug, role) for party, role in programme.imported_members)

    def save_m2m(self, programme, row, **kwargs):
        super().save_m2m(programme, row, **kwargs)
        wanted = {party.pk: role for party, role in programme.imported_members}
        programme.memberships.exclude(party_id__in=wanted).delete()
        for party_id, role in wanted.items():
            ProgrammeMembership.objects.update_or_create(
                programme=programme, party_id=party_id, defaults={"role": role}
            )
