"""HTTP responses for CSV downloads: a filtered list or one whole table, streamed."""

from django.http import HttpResponseBadRequest, StreamingHttpResponse

from core.conditional import versioned
from core.csv_export import csv_chunks
from core.lists import filter_list
from core.stored_exports import whole_table_csv


def attachment(chunks, *, content_type: str, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_download(request, table, *, filterset_class=None):
    """The rows the list's filters select (all of them, not one page), streamed as CSV,
    with an ETag and a Last-Modified (a client that has this version gets 304).

    Bad filter values refuse the download (400) rather than export a different set.
    """
    return versioned(lambda request: _csv_response(request, table, filterset_class))(request)


def _csv_response(request, table, filterset_class):
    if not request.GET:  # the whole table: the same bytes for everyone until the data changes
        chunks = whole_table_csv(table, request.data_version)
        return attachment(chunks, content_type="text/csv; charset=utf-8", filename=table.filename())
    queryset = table.model.objects.all()
    if filterset_class is not None:
        filtered = filter_list(
            request.GET, filterset_class=filterset_class, queryset=queryset, request=request
        )
        if filtered.errors:
            return HttpResponseBadRequest(
                "Nothing exported; these filters could not be used:\n" + "\n".join(filtered.errors),
                content_type="text/plain; charset=utf-8",
            )
        queryset = filtered.queryset
    return attachment(
        csv_chunks(table, queryset), content_type="text/csv; charset=utf-8", filename=table.filename()
    )
