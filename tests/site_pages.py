"""Every HTML page of the site, found by walking the URLconf, for the checks that must hold
on all of them (accessibility, valid HTML).

A page without arguments is taken as it is; a page with arguments (a record's page) needs an
example here, drawn from the data, so a new kind of page fails `html_pages` until it is added
rather than going unchecked. A few pages also get the states a reader reaches with a query
(a search with results, a chosen comparison).
"""

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from agreements.models import Agreement
from donors.models import Party
from opendata.models import Release
from opendata.releases import release_make
from pledges.models import Pledge, Programme
from provisions.models import AgreementProvision
from sources.models import Source

# Files, feeds, redirects and probes, not pages a reader reads; the admin is Django's own
# and so is the API's browsable schema page (drf-spectacular's Swagger UI).
NOT_PAGES = ("healthz", "favicon.ico", "data/releases/latest/")
NOT_PAGE_ENDINGS = (".csv", ".zip", ".json")
NOT_PAGE_PREFIXES = ("admin/", "api/", "feeds/")
NOT_PAGE_NAMES = ("opendata:release-checksums", "opendata:release-file")


def _first(queryset):
    record = queryset.order_by("pk").first()
    assert record is not None, f"the shipped data has no {queryset.model.__name__}"
    return record.get_absolute_url()


# URL name -> an example page of that kind from the data.
RECORD_PAGES = {
    "agreements:agreement-detail": lambda: _first(Agreement.objects.filter(provision_cells__isnull=False)),
    "donors:party-detail": lambda: _first(Party.objects.filter(pledges_given__isnull=False)),
    "pledges:pledge-detail": lambda: _first(Pledge.objects.all()),
    "pledges:programme-detail": lambda: _first(Programme.objects.filter(pledges__isnull=False)),
    "sources:source-detail": lambda: _first(Source.objects.all()),
    "provisions:cell": lambda: _first(AgreementProvision.objects.all()),
    "opendata:release": lambda: reverse("opendata:release", args=[_a_release().number]),
}


def _a_release():
    return Release.objects.defer("archive").order_by("pk").first() or release_make()


def _compared() -> str:
    coded = Agreement.objects.filter(provision_cells__isnull=False).distinct().order_by("slug")
    return reverse("provisions:compare") + "?" + "&".join(f"a={a.slug}" for a in coded[:2])


# Pages in the state a reader's query leaves them, beside their plain form.
QUERIED_PAGES = [
    lambda: reverse("portal:search") + "?q=security",
    lambda: reverse("pledges:pledge-list") + "?q=air+defence",
    _compared,
]


# The pages a reader meets when something is wrong, with the status each answers.
ERROR_PAGES = {
    "/agreements/?status=signed&status_on=soon": 400,  # a filter's value it cannot read
    "/pledges/?amount_min=x&year=y&announced_from=2024-02-30": 400,
    "/agreements/no-such-agreement/": 404,
}


def _patterns(patterns=None, prefix="", namespace=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(NOT_PAGE_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            yield route, f"{namespace}{entry.name}"


def html_pages() -> list[str]:
    """The path of every HTML page, one example of each record's page, and the queried states."""
    pages, unknown = [], []
    for route, name in _patterns():
        if route in NOT_PAGES or route.endswith(NOT_PAGE_ENDINGS) or name in NOT_PAGE_NAMES:
            continue
        if "<" not in route:
            pages.append("/" + route)
        elif name in RECORD_PAGES:
            pages.append(RECORD_PAGES[name]())
        else:
            unknown.append(f"{route} ({name})")
    assert not unknown, f"add an example of these pages to tests/site_pages.py: {unknown}"
    return pages + [page() for page in QUERIED_PAGES]
