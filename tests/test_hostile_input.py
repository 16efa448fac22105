"""Thousands of generated query strings, paths and form posts: never a 500, never a change."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreements.models import Agreement, Milestone
from core.search import MAX_QUERY_LENGTH
from pledges.models import Pledge
from sources.models import Citation, Source

pytestmark = pytest.mark.usefixtures("seeded")

PAGES = [
    "/", "/agreements/", "/timeline/", "/parties/", "/pledges/", "/programmes/", "/sources/", "/disputes/",
    "/search/", "/data/", "/agreements/export.csv", "/timeline/export.csv", "/pledges/export.csv",
    "/programmes/export.csv", "/parties/export.csv", "/sources/export.csv",
    "/provisions/", "/provisions/compare/", "/provisions/export.csv",
    "/feeds/agreements/", "/feeds/milestones/", "/feeds/corrections/", "/data/releases/",
]  # fmt: skip
PARAMETERS = [
    "q", "party", "status", "kind", "area", "programme", "year", "signed_from", "signed_to", "sort", "page",
    "per_page", "donor", "recipient", "agreement", "category", "currency", "amount_min", "amount_max",
    "announced_from", "announced_to", "date_from", "date_to", "publisher", "language", "member_of",
    "provision", "show", "a", "table",
]  # fmt: skip
NASTY = st.sampled_from([
    "", "'", '"', "\\", "%", "%00", "\x00", "null", "-1", "0", "99999999999999999999", "1e309", "NaN",
    "-Infinity",
    "2024-02-30", "0000-00-00", "9999-12-31", "<script>alert(1)</script>", "' OR 1=1 --", "é" * 300, "🇺🇦",
    "a" * 5000, "../../etc/passwd", "-signed", "--", "&&", "!!", "(((", "\ufeff", "\r\n",
])  # fmt: skip
# Runs of the characters search syntaxes give a meaning to, long enough to nest or overflow.
METACHARACTERS = ["-", "!", "&", "|", "(", ")", ":*", "<->", '"', "'", " ", "\x00", "a", "9"]


def runs(characters):
    pieces = st.lists(st.sampled_from(characters), min_size=1, max_size=4)
    return st.builds(lambda parts, repeat: "".join(parts) * repeat, pieces, st.integers(1, 120))


METACHARACTER_RUNS = runs(METACHARACTERS)
VALUES = st.one_of(
    NASTY, METACHARACTER_RUNS, st.text(max_size=300), st.integers().map(str), st.dates().map(str)
)
# Several parameters at once, each possibly repeated (?year=2024&year=x).
QUERIES = st.dictionaries(
    st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=20)),
    st.lists(VALUES, min_size=1, max_size=3),
    max_size=6,
)
SEGMENTS = st.one_of(
    NASTY, st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=60)
)


def database_state():
    return tuple(model.objects.count() for model in (Agreement, Milestone, Pledge, Source, Citation))


def assert_handled(response):
    assert response.status_code < 500, response.status_code
    if response.streaming:
        b"".join(response.streaming_content)  # a stream must not fail halfway either


@given(page=st.sampled_from(PAGES), query=QUERIES)
def test_query_strings(client, page, query):
    before = database_state()
    assert_handled(client.get(page, query))
    assert database_state() == before


@given(
    prefix=st.sampled_from(
        [
            "/agreements/",
            "/parties/",
            "/pledges/",
            "/programmes/",
            "/sources/",
            "/data/",
            "/data/releases/",
            "/",
        ]
    ),
    segment=SEGMENTS,
)
def test_paths(client, prefix, segment):
    assert_handled(client.get(prefix + segment + "/"))
    assert_handled(client.get(prefix + segment + ".csv"))


@given(page=st.sampled_from([*PAGES, "/admin/login/"]), form=QUERIES)
def test_form_posts(client, page, form):
    before = database_state()
    assert_handled(client.post(page, form))
    assert database_state() == before


SEARCHED = [page for page in PAGES if page not in {"/", "/disputes/", "/data/"}]


@pytest.mark.parametrize("text", ["-" * 33, "- " * 40, "-!" * 40, "(-" * 40, "-|" * 40, "&-" * 40, "-" * 200])
@pytest.mark.parametrize("page", SEARCHED)
def test_runs_of_search_operators_are_searched_not_a_500(client, page, text):
    """PostgreSQL's websearch parser nests one NOT per '-' and fails beyond 32 ("tsquery stack too small")."""
    response = client.get(page, {"q": text})
    assert_handled(response)
    assert response.status_code == 200


SEARCH_TEXTS = st.one_of(
    runs([c for c in METACHARACTERS if c != "\x00"]), st.text(alphabet="-!&|()<>:*'\" \tab9")
)


@given(text=SEARCH_TEXTS.map(lambda text: text[:MAX_QUERY_LENGTH]))
def test_any_search_text_makes_a_valid_query(text):
    """The class behind the case above: every text of search metacharacters PostgreSQL parses."""
    Agreement.objects.search(text).count()
