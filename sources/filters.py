import django_filters

from core.filters import SearchFilter, YearFilter, date_filter
from sources.models import Source, SourceKind


class SourceFilter(django_filters.FilterSet):
    q = SearchFilter()
    kind = django_filters.ChoiceFilter(choices=SourceKind.choices)
    publisher = django_filters.CharFilter(lookup_expr="icontains", max_length=200)
    language = django_filters.CharFilter(max_length=3)
    year = YearFilter(field_name="published_on", lookup_expr="year", label="Published in year")
    published_from = date_filter("published_on", "gte", "Published on or after")
    published_to = date_filter("published_on", "lte", "Published on or before")
    sort = django_filters.OrderingFilter(
        fields=(("published_on", "published"), ("publisher", "publisher"), ("title", "title")),
        label="Sort by",
    )

    class Meta:
        model = Source
        fields = []
