"""Thousands of generated query strings, paths and form posts: never a 500, never a change."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agreements.models import Agreement, Milestone
from pledges.models import Pledge
from sources.models import Citation, Source

pytestmark = pytest.mark.usefixtures("seeded")

PAGES = [
    "/", "/agreements/", "/timeline/", "/parties/", "/pledges/", "/programmes/", "/sources/", "/disputes/",
    "/search/", "/data/", "/agreements/export.csv", "/timeline/export.csv", "/pledges/export.csv",
    "/programmes/export.csv", "/parties/export.csv", "/sources/export.csv",
    "/provisions/", "/provisions/compare/", "/provisions/export.csv",
]  # fmt: skip
PARAMETERS = [
    "q", "party", "status", "kind", "area", "programme", "year", "signed_from", "signed_to", "sort", "page",
    "per_page", "donor", "recipient", "agreement", "category", "currency", "amount_min", "amount_max",
    "announced_from", "announced_to", "date_from", "date_to", "publisher", "language", "member_of",
    "provision", "show", "a",
]  # fmt: skip
NASTY = st.sampled_from([
    "", "'", '"', "\\", "%", "%00", "\x00", "null", "-1", "0", "99999999999999999999", "1e309", "NaN",
    "-Infinity",
    "2024-02-30", "0000-00-00", "9999-12-31", "<script>alert(1)</script>", "' OR 1=1 --", "é" * 300, "🇺🇦",
    "a" * 5000, "../../etc/passwd", "-signed", "--", "&&", "!!", "(((", "\ufeff", "\r\n",
])  # fmt: skip
VALUES = st.one_of(NASTY, st.text(max_size=300), st.integers().map(str), st.dates().map(str))
QUERIES = st.dictionaries(st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=20)), VALUES, max_size=6)
SEGMENTS = st.one_of(
    NASTY, st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=60)
)


def database_state():
    return tuple(model.objects.count() for model in (Agreement, Milestone, Pledge, Source, Citation))


def assert_handled(response):
    assert response.status_code < 500, response.status_code
    if response.streaming:
        b"".join(response.streaming_content)  # a stream must not fail halfway either


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=st.sampled_from(PAGES), query=QUERIES)
def test_query_strings(client, page, query):
    before = database_state()
    assert_handled(client.get(page, query))
    assert database_state() == before


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    prefix=st.sampled_from(
        ["/agreements/", "/parties/", "/pledges/", "/programmes/", "/sources/", "/data/", "/"]
    ),
    segment=SEGMENTS,
)
def test_paths(client, prefix, segment):
    assert_handled(client.get(prefix + segment + "/"))
    assert_handled(client.get(prefix + segment + ".csv"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=st.sampled_from([*PAGES, "/admin/login/"]), form=QUERIES)
def test_form_posts(client, page, form):
    before = database_state()
    assert_handled(client.post(page, form))
    assert database_state() == before
