"""The OpenAPI description of each endpoint, built from the definitions the answers come
from: the record from the export's columns (name, type, meaning, example), the query
parameters from the list's FilterSet (choices become enums)."""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from api.endpoints import Endpoint
from api.queries import DEFAULT_PER_PAGE, FACETS, MAX_PER_PAGE, PAGE, PER_PAGE, UPDATED_SINCE
from api.records import is_multi_valued
from core.csv_export import Column
from core.filters import SlugFilter, YearFilter

FIELD_TYPES = {
    "integer": serializers.IntegerField,
    "decimal": serializers.CharField,  # exact amounts, as strings
    "text": serializers.CharField,
    "date": serializers.DateField,
    "boolean": serializers.BooleanField,
    "timestamp": serializers.DateTimeField,
}


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.replace("-", "_").split("_"))


def _field(column: Column):
    if is_multi_valued(column):
        child = serializers.IntegerField() if column.name.endswith("_ids") else serializers.CharField()
        return serializers.ListField(child=child, help_text=column.meaning)
    return FIELD_TYPES[column.type](help_text=column.meaning, allow_null=True)


_RECORDS = {}


def record_serializer(endpoint: Endpoint):
    """One serializer class a table (the OpenAPI document names each component once)."""
    if endpoint.name not in _RECORDS:
        fields = {column.name: _field(column) for column in endpoint.table.columns}
        _RECORDS[endpoint.name] = type(
            f"{_camel(endpoint.table.name)}Record", (serializers.Serializer,), fields
        )
    return _RECORDS[endpoint.name]


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField(allow_null=True, help_text="The slug or stored value.")
    count = serializers.IntegerField(help_text="Rows of the filtered set with this value.")


class CurrencyTotalSerializer(serializers.Serializer):
    currency = serializers.CharField()
    total = serializers.CharField(allow_null=True, help_text="Exact decimal, in that currency.")


class PledgeTotalsSerializer(serializers.Serializer):
    total_eur = serializers.CharField(
        allow_null=True, help_text="EUR total of the filtered set, each euro counted once (as on the page)."
    )
    totals_by_currency = CurrencyTotalSerializer(many=True)
    totals_by_status = serializers.DictField(
        child=serializers.CharField(),
        help_text="EUR total per status (announced ... delivered), each status a selection of its own.",
    )


def page_serializer(endpoint: Endpoint):
    fields = {
        "count": serializers.IntegerField(help_text="Rows in the whole filtered set."),
        "page": serializers.IntegerField(),
        "num_pages": serializers.IntegerField(),
        "next": serializers.URLField(allow_null=True, help_text="The next page, null on the last."),
        "previous": serializers.URLField(allow_null=True),
        "sync_from": serializers.DateTimeField(
            help_text="Send this as updated_since next time to miss no change made from now on."
        ),
        "results": record_serializer(endpoint)(many=True),
    }
    if endpoint.listing is not None and endpoint.listing.totals is not None:
        fields["totals"] = PledgeTotalsSerializer(required=False, help_text="Not with updated_since.")
    if endpoint.facets:
        fields["facets"] = serializers.DictField(
            child=FacetValueSerializer(many=True), required=False, help_text="Only when `facets` is given."
        )
    return type(f"{_camel(endpoint.table.name)}Page", (serializers.Serializer,), fields)


class DeletedRowSerializer(serializers.Serializer):
    deleted_at = serializers.DateTimeField()
    id = serializers.IntegerField()
    slug = serializers.CharField(required=False)


class DeletedSerializer(serializers.Serializer):
    sync_from = serializers.DateTimeField()
    results = DeletedRowSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    errors = serializers.ListField(child=serializers.CharField(), help_text="What was wrong, in words.")


def _filter_parameter(name: str, spec) -> OpenApiParameter:
    label = str(spec.label or name)
    if isinstance(spec, django_filters.OrderingFilter):
        values = [value for value, _ in spec.field.choices if value]
        return OpenApiParameter(name, str, description=f"{label}; '-' first for descending.", enum=values)
    if isinstance(spec, SlugFilter):
        return OpenApiParameter(name, str, description=f"{label}: a slug.")
    if isinstance(spec, django_filters.ChoiceFilter):
        return OpenApiParameter(
            name, str, description=label, enum=[value for value, _ in spec.extra["choices"]]
        )
    if isinstance(spec, django_filters.DateFilter):
        return OpenApiParameter(name, OpenApiTypes.DATE, description=label)
    if isinstance(spec, YearFilter):
        return OpenApiParameter(name, int, description=label)
    if isinstance(spec, django_filters.NumberFilter):
        return OpenApiParameter(name, OpenApiTypes.DECIMAL, description=label)
    return OpenApiParameter(name, str, description=f"{label}. {spec.extra.get('help_text') or ''}".strip())


def list_parameters(endpoint: Endpoint) -> list[OpenApiParameter]:
    filters = endpoint.listing.filterset_class.base_filters if endpoint.listing else {}
    parameters = [_filter_parameter(name, spec) for name, spec in filters.items()]
    parameters += [
        OpenApiParameter(PAGE, int, description="Page number, from 1."),
        OpenApiParameter(PER_PAGE, int, description=f"Rows a page, 1 to {MAX_PER_PAGE}; {DEFAULT_PER_PAGE}."),
        OpenApiParameter(
            UPDATED_SINCE,
            OpenApiTypes.DATETIME,
            description="Only rows changed at or after this time (ISO 8601; UTC without a zone).",
        ),
    ]
    if endpoint.facets:
        parameters.append(
            OpenApiParameter(
                FACETS,
                str,
                description="Comma-separated facets to count over the filtered set: "
                + ", ".join(endpoint.facets),
            )
        )
    return parameters
