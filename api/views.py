"""The read-only JSON API: a list, a record and the deleted rows of every table.

Anonymous and read-only: no session or login is read, only GET (and HEAD, OPTIONS) is
allowed, each client is throttled by its address (api/throttling.py), and answers carry
an ETag and a Last-Modified from the data version with 304 answers (core/conditional.py).
"""

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

from api import schema
from api.endpoints import ENDPOINTS, Endpoint
from api.queries import deleted_answer, detail_answer, list_answer
from api.throttling import ClientRateThrottle
from core.conditional import versioned
from core.renames import redirect_to_renamed


def json_response(status: int, content: bytes) -> HttpResponse:
    """JSON already encoded (and kept so): served as it is, not through a renderer."""
    return HttpResponse(content, status=status, content_type="application/json")


class ReadOnlyView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [ClientRateThrottle]
    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        # Throttled first (APIView.initial), then a client that has this version gets 304.
        return versioned(self.answer)(request._request, *args, **kwargs)


def list_view(endpoint: Endpoint):
    class ListView(ReadOnlyView):
        @extend_schema(
            operation_id=f"{endpoint.name}_list",
            summary=endpoint.table.description,
            parameters=schema.list_parameters(endpoint),
            responses={200: schema.page_serializer(endpoint), 400: schema.ErrorSerializer},
            tags=[endpoint.name],
        )
        def get(self, request, *args, **kwargs):
            return super().get(request, *args, **kwargs)

        def answer(self, request):
            return json_response(*list_answer(endpoint, request))

    ListView.__name__ = f"{schema._camel(endpoint.table.name)}List"
    return ListView.as_view()


def detail_view(endpoint: Endpoint):
    key_name = "slug" if endpoint.by_slug else "id"

    class DetailView(ReadOnlyView):
        @extend_schema(
            operation_id=f"{endpoint.name}_retrieve",
            summary=f"One record of {endpoint.table.name}, by its {'slug' if endpoint.by_slug else 'id'}.",
            parameters=[OpenApiParameter(key_name, str if endpoint.by_slug else int, OpenApiParameter.PATH)],
            responses={200: schema.record_serializer(endpoint), 404: schema.ErrorSerializer},
            tags=[endpoint.name],
        )
        def get(self, request, *args, **kwargs):
            return super().get(request, *args, **kwargs)

        def answer(self, request, **kwargs):
            found = detail_answer(endpoint, request, kwargs[key_name])
            if found is not None:
                return json_response(*found)
            renamed = (
                redirect_to_renamed(request, {"slug": endpoint.model}, kwargs) if endpoint.by_slug else None
            )
            if renamed is None:
                raise NotFound(f"There is no record of {endpoint.table.name} {kwargs[key_name]!r}.")
            return renamed

    DetailView.__name__ = f"{schema._camel(endpoint.table.name)}Detail"
    return DetailView.as_view()


def deleted_view(endpoint: Endpoint):
    class DeletedView(ReadOnlyView):
        @extend_schema(
            operation_id=f"{endpoint.name}_deleted",
            summary=f"Rows of {endpoint.table.name} deleted since a time, for incremental sync.",
            parameters=[
                OpenApiParameter("since", OpenApiTypes.DATETIME, required=True, description="ISO 8601; UTC.")
            ],
            responses={200: schema.DeletedSerializer, 400: schema.ErrorSerializer},
            tags=[endpoint.name],
        )
        def get(self, request, *args, **kwargs):
            return super().get(request, *args, **kwargs)

        def answer(self, request):
            return json_response(*deleted_answer(endpoint, request))

    DeletedView.__name__ = f"{schema._camel(endpoint.table.name)}Deleted"
    return DeletedView.as_view()


class IndexView(ReadOnlyView):
    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def answer(self, request):
        lists = {
            endpoint.name: {
                "description": endpoint.table.description,
                "url": request.build_absolute_uri(reverse(f"api:{endpoint.name}-list")),
                "filters": list(endpoint.listing.filterset_class.base_filters) if endpoint.listing else [],
                "facets": list(endpoint.facets),
                "id_column": endpoint.table.columns[0].name,
                "record_key": "slug" if endpoint.by_slug else "id",
            }
            for endpoint in ENDPOINTS
        }
        links = {
            "schema": request.build_absolute_uri(reverse("api:schema")),
            "docs": request.build_absolute_uri(reverse("api:docs")),
        }
        return Response({"lists": lists, **links})


# Throttle errors and 404s come out in the same {"errors": [...]} shape as bad parameters.
def error_handler(exception, context):
    response = exception_handler(exception, context)
    if response is not None and isinstance(response.data, dict) and "detail" in response.data:
        response.data = {"errors": [str(response.data["detail"])]}
    return response
