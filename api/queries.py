"""What each API answer holds, computed from the list definitions the pages use.

A list answer is one page of records of the filtered set, the size of that set, links
to the next and previous pages, the totals the HTML list shows over the same set
(pledges: EUR and original currencies, `PledgeQuerySet.counted` through
pledges.views.pledge_totals; not with `updated_since`), facet counts when asked, and `sync_from`, the
`updated_since` a client should send next time to miss nothing. Answers are kept under
the data version and their address (core/cache.py), as the pages are.
"""

import json
from datetime import UTC, datetime, time

from django.db import connections
from django.db.models import Count
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from api.changes import changed_since
from api.endpoints import Endpoint
from api.records import records
from core.cache import cached
from core.lists import CachedCountPaginator

# Parameters of the API itself; every other parameter is one of the list's filters.
PAGE, PER_PAGE, UPDATED_SINCE, FACETS, FORMAT = "page", "per_page", "updated_since", "facets", "format"
API_PARAMETERS = (PAGE, PER_PAGE, UPDATED_SINCE, FACETS, FORMAT)
DEFAULT_PER_PAGE, MAX_PER_PAGE = 100, 1000
# App hosts' clocks (which set updated_at) may differ from the database's by this much.
CLOCK_MARGIN_SECONDS = 60
SYNC_FROM_SQL = f"""
    SELECT least(now(), coalesce(min(xact_start), now())) - interval '{CLOCK_MARGIN_SECONDS} seconds'
    FROM pg_stat_activity
    WHERE datname = current_database() AND state <> 'idle' AND xact_start IS NOT NULL
"""


def parse_moment(text: str) -> datetime | None:
    """An ISO 8601 date or date and time; without a zone, UTC."""
    moment = parse_datetime(text)
    if moment is None:
        day = parse_date(text)
        moment = datetime.combine(day, time()) if day else None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return moment


def _moment(params, name: str, errors: list[str]) -> datetime | None:
    text = params.get(name)
    if not text:
        return None
    try:
        moment = parse_moment(text)
    except ValueError:
        moment = None
    if moment is None:
        errors.append(f"{name}: give an ISO 8601 date or time, e.g. 2025-01-31T12:00:00Z.")
    return moment


def _number(params, name: str, default: int, highest: int | None, errors: list[str]) -> int:
    text = params.get(name, str(default))
    if not text.isdigit() or int(text) < 1 or (highest is not None and int(text) > highest):
        bound = f" up to {highest}" if highest else ""
        errors.append(f"{name}: give a whole number from 1{bound}.")
        return default
    return int(text)


def sync_from() -> str:
    """A time no later than any updated_at a row committed after this answer can carry:
    a row written in a transaction still open was stamped after that transaction began."""
    with connections["default"].cursor() as cursor:
        cursor.execute(SYNC_FROM_SQL)
        return cursor.fetchone()[0].isoformat().replace("+00:00", "Z")


def _stable(queryset):
    """The list's own order with the primary key last, so pages neither repeat nor skip
    rows that sort alike."""
    ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    if not ordering or ordering[-1] not in ("pk", "-pk", "id", "-id"):
        queryset = queryset.order_by(*ordering, "pk")
    return queryset


def _filtered(endpoint: Endpoint, request, errors: list[str]):
    params = request.GET
    filters = params.copy()
    for name in API_PARAMETERS:
        filters.pop(name, None)
    known = set(endpoint.listing.filterset_class.base_filters) if endpoint.listing else set()
    errors.extend(f"{name}: this list has no such filter." for name in sorted(set(filters) - known))
    if endpoint.listing is not None:
        filtered = endpoint.listing.filtered(filters or None, request=request)
        errors.extend(filtered.errors)
        queryset = filtered.queryset
    else:
        queryset = endpoint.rows()
    since = _moment(params, UPDATED_SINCE, errors)
    return queryset.filter(changed_since(endpoint.table, since)) if since else queryset


def facet_counts(endpoint: Endpoint, queryset, names: list[str]) -> dict:
    """For each facet, how many rows of the filtered set have each value, most first."""
    chosen = endpoint.model._default_manager.filter(pk__in=queryset.order_by().values("pk"))
    counts = {}
    for name in names:
        path = endpoint.facets[name]
        rows = chosen.values(path).annotate(count=Count("pk", distinct=True)).order_by("-count", path)
        counts[name] = [{"value": row[path], "count": row["count"]} for row in rows]
    return counts


def _facet_names(endpoint: Endpoint, params, errors: list[str]) -> list[str]:
    names = [name.strip() for name in params.get(FACETS, "").split(",") if name.strip()]
    unknown = [name for name in names if name not in endpoint.facets]
    if unknown:
        offered = ", ".join(endpoint.facets) or "none"
        errors.append(f"{FACETS}: no facet {unknown[0][:40]!r} on this list (offered: {offered}).")
    return [name for name in dict.fromkeys(names) if name in endpoint.facets]


def _link(request, page: int) -> str:
    params = request.GET.copy()
    params[PAGE] = str(page)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def _json_totals(totals: dict) -> dict:
    """Totals as the API writes them: amounts as strings (exact), without the count
    (the list's `count`)."""
    shown = {key: value for key, value in totals.items() if key != "total_count"}
    if "total_eur" in shown:
        shown["total_eur"] = None if shown["total_eur"] is None else str(shown["total_eur"])
    if "totals_by_currency" in shown:
        shown["totals_by_currency"] = [
            {"currency": row["currency"], "total": None if row["total"] is None else str(row["total"])}
            for row in shown["totals_by_currency"]
        ]
    if "totals_by_status" in shown:
        by_status = shown["totals_by_status"]
        shown["totals_by_status"] = {status: str(total) for status, total in by_status.items()}
    return shown


def as_json(status: int, body) -> tuple[int, bytes]:
    """The answer as JSON bytes, so a kept answer is served without encoding it again."""
    return status, json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def _kept(name: str, request, compute) -> tuple[int, bytes]:
    """compute() as JSON, kept under the data version the request read (core/conditional)."""
    version = getattr(request, "data_version", None)
    return cached(name, lambda: as_json(*compute()), params=request.build_absolute_uri(), version=version)


def list_answer(endpoint: Endpoint, request) -> tuple[int, bytes]:
    """(status, JSON) of a list request, kept until the data change."""
    return _kept("api-list", request, lambda: _list_answer(endpoint, request))


def _list_answer(endpoint: Endpoint, request) -> tuple[int, dict]:
    errors = []
    params = request.GET
    queryset = _filtered(endpoint, request, errors)
    facets = _facet_names(endpoint, params, errors)
    per_page = _number(params, PER_PAGE, DEFAULT_PER_PAGE, MAX_PER_PAGE, errors)
    number = _number(params, PAGE, 1, None, errors)
    if errors:
        return 400, {"errors": errors}
    queryset = _stable(queryset)
    # A sync's changed rows have no totals worth the time (counted() reads the set twice).
    with_totals = endpoint.listing and endpoint.listing.totals and not params.get(UPDATED_SINCE)
    totals = endpoint.listing.totals(queryset) if with_totals else {}
    paginator = CachedCountPaginator(
        queryset.values_list("pk", flat=True), per_page, count=totals.get("total_count")
    )
    if number > paginator.num_pages:
        return 400, {"errors": [f"{PAGE}: there is no page {number}; the last is {paginator.num_pages}."]}
    page = paginator.page(number)
    body = {
        "count": paginator.count,
        "page": number,
        "num_pages": paginator.num_pages,
        "next": _link(request, number + 1) if page.has_next() else None,
        "previous": _link(request, number - 1) if page.has_previous() else None,
        "sync_from": sync_from(),
    }
    if with_totals:
        body["totals"] = _json_totals(totals)
    if facets:
        body["facets"] = facet_counts(endpoint, queryset, facets)
    body["results"] = records(endpoint.table, list(page.object_list))
    return 200, body


def detail_answer(endpoint: Endpoint, request, key) -> tuple[int, bytes] | None:
    """(200, JSON) of the record, or None when there is no such row."""
    lookup = {"slug": key} if endpoint.by_slug else {"pk": key}

    def compute():
        pk = endpoint.model._default_manager.filter(**lookup).values_list("pk", flat=True).first()
        found = records(endpoint.table, [pk]) if pk is not None else []
        return (200, found[0]) if found else (404, None)

    status, body = _kept("api-detail", request, compute)
    return (status, body) if status == 200 else None


def deleted_answer(endpoint: Endpoint, request) -> tuple[int, bytes]:
    """The rows deleted since a time (from the history every model keeps), so a client
    that syncs with updated_since can drop them too. A row deleted and then restored
    under the same id is not listed."""
    errors = []
    since = _moment(request.GET, "since", errors)
    if since is None and not errors:
        errors.append("since: required, an ISO 8601 date or time.")
    if errors:
        return as_json(400, {"errors": errors})

    def compute():
        history = endpoint.model.history.filter(history_type="-", history_date__gte=since)
        fields = ["id", "history_date", *(["slug"] if endpoint.by_slug else [])]
        rows = list(history.order_by("history_date", "history_id").values(*fields))
        living = set(
            endpoint.model._default_manager.filter(pk__in=[row["id"] for row in rows]).values_list(
                "pk", flat=True
            )
        )
        gone = [
            {**row, "history_date": row["history_date"].isoformat().replace("+00:00", "Z")}
            for row in rows
            if row["id"] not in living
        ]
        return 200, {
            "sync_from": sync_from(),
            "results": [{"deleted_at": row.pop("history_date"), **row} for row in gone],
        }

    return _kept("api-deleted", request, compute)
