import django_filters

from core.filters import SearchFilter, slug_filter
from donors.models import Party, PartyKind


class PartyFilter(django_filters.FilterSet):
    q = SearchFilter()
    kind = django_filters.ChoiceFilter(choices=PartyKind.choices)
    member_of = slug_filter(Party, "membership_rows__organisation", "Member of")
    sort = django_filters.OrderingFilter(fields=(("name", "name"), ("kind", "kind")), label="Sort by")

    class Meta:
        model = Party
        fields = []
