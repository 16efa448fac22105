import django_filters
from django.db.models import Q

from agreements.models import Agreement
from core.filters import CurrencyFilter, SearchFilter, YearFilter, amount_filter, date_filter, slug_filter
from donors.models import Party
from pledges.models import Pledge, PledgeCategory, PledgeStatus, Programme, ProgrammeKind


class PledgeFilter(django_filters.FilterSet):
    q = SearchFilter()
    donor = slug_filter(Party, "donor", "Donor")
    recipient = slug_filter(Party, "recipient", "Recipient")
    agreement = slug_filter(Agreement, "agreement", "Agreement", typed=True)
    programme = slug_filter(Programme, "programme", "Programme")
    category = django_filters.ChoiceFilter(choices=PledgeCategory.choices)
    status = django_filters.ChoiceFilter(choices=PledgeStatus.choices)
    currency = CurrencyFilter()
    year = YearFilter(method="filter_year", label="Covers year")
    amount_min = amount_filter("gte", "At least (EUR)")
    amount_max = amount_filter("lte", "At most (EUR)")
    announced_from = date_filter("announced_on", "gte", "Announced on or after")
    announced_to = date_filter("announced_on", "lte", "Announced on or before")
    sort = django_filters.OrderingFilter(
        fields=(("announced_on", "announced"), ("amount_eur", "amount"), ("donor__name", "donor")),
        label="Sort by",
    )

    class Meta:
        model = Pledge
        fields = []

    def filter_year(self, queryset, name, year):
        """Pledges whose period covers the year, or announced in it when no period is given."""
        in_period = Q(period_start_year__lte=year) & (
            Q(period_end_year__gte=year) | Q(period_end_year__isnull=True, period_start_year=year)
        )
        announced = Q(period_start_year__isnull=True, announced_on__year=year)
        return queryset.filter(in_period | announced)


class ProgrammeFilter(django_filters.FilterSet):
    q = SearchFilter()
    kind = django_filters.ChoiceFilter(choices=ProgrammeKind.choices)
    party = slug_filter(Party, "memberships__party", "Member or lead")
    year = YearFilter(method="filter_year", label="Active in year")
    sort = django_filters.OrderingFilter(fields=(("name", "name"), ("start_year", "start")), label="Sort by")

    class Meta:
        model = Programme
        fields = []

    def filter_year(self, queryset, name, year):
        return queryset.filter(
            Q(start_year__isnull=True) | Q(start_year__lte=year),
            Q(end_year__isnull=True) | Q(end_year__gte=year),
        )
