"""Generated hostile input to the editors' admin: list filters, search, date navigation,
autocomplete, history and change pages. Never a 500, never a change."""

import html

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from hypothesis import given
from hypothesis import strategies as st

from core.permissions import EDITORS_GROUP
from tests.test_hostile_input import METACHARACTER_RUNS, NASTY, assert_handled, database_state

pytestmark = pytest.mark.usefixtures("seeded")

ADMINS = [model_admin for model_admin in admin.site._registry.values() if model_admin.opts.app_label in {
    "agreements", "donors", "pledges", "sources"
}]  # fmt: skip
LOOKUPS = ["", "__exact", "__id__exact", "__isnull", "__gte", "__lt", "__in"]


def list_parameters(model_admin) -> list[str]:
    """Every parameter a change list reads: filters with their lookups, date navigation, search, order."""
    names = ["q", "o", "p", "e", "all", "_to_field", "_popup"]
    for list_filter in model_admin.list_filter:
        names += [f"{list_filter}{lookup}" for lookup in LOOKUPS]
    if model_admin.date_hierarchy:
        names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day", "gte", "lt")]
    return names


def changelist(model_admin) -> str:
    return f"/admin/{model_admin.opts.app_label}/{model_admin.opts.model_name}/"


VALUES = st.one_of(NASTY, METACHARACTER_RUNS, st.text(max_size=50), st.integers().map(str))


@st.composite
def list_queries(draw):
    """A change list with several filters at once, some repeated (?a=1&a=2)."""
    model_admin = draw(st.sampled_from(ADMINS))
    names = st.sampled_from(list_parameters(model_admin))
    pairs = draw(st.lists(st.tuples(names, VALUES), min_size=1, max_size=6))
    query = {}
    for name, value in pairs:
        query.setdefault(name, []).append(value)
    return changelist(model_admin), query


@pytest.fixture
def editor_client(client):
    user = User.objects.create_user("hostile-editor", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(user)
    return client


@given(target=list_queries())
def test_change_lists(editor_client, target):
    url, query = target
    before = database_state()
    assert_handled(editor_client.get(url, query))
    assert database_state() == before


AUTOCOMPLETES = [
    (model_admin.opts, field)
    for model_admin in ADMINS
    for field in model_admin.autocomplete_fields
]  # fmt: skip


@given(target=st.sampled_from(AUTOCOMPLETES), term=VALUES, page=VALUES)
def test_autocomplete(editor_client, target, term, page):
    opts, field = target
    query = {"app_label": opts.app_label, "model_name": opts.model_name, "field_name": field}
    assert_handled(editor_client.get("/admin/autocomplete/", {**query, "term": term, "page": page}))


SEGMENTS = st.one_of(NASTY, METACHARACTER_RUNS, st.integers().map(str), st.text(min_size=1, max_size=30))


@given(model_admin=st.sampled_from(ADMINS), object_id=SEGMENTS, version_id=SEGMENTS)
def test_object_pages(editor_client, model_admin, object_id, version_id):
    from urllib.parse import quote

    base = changelist(model_admin) + quote(object_id, safe="") + "/"
    before = database_state()
    for url in (base + "change/", base + "history/", base + "history/" + quote(version_id, safe="") + "/"):
        assert_handled(editor_client.get(url))
    assert database_state() == before


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/admin/pledges/pledge/?q=%00", "contains a NUL character"),
        ("/admin/pledges/pledge/?currency=%00", "contains a NUL character"),
        ("/admin/sources/source/?publisher=a%00b", "contains a NUL character"),
        (
            "/admin/autocomplete/?app_label=pledges&model_name=pledge&field_name=donor&term=%00",
            "NUL character",
        ),
        ("/admin/pledges/pledge/?announced_on__year=99999999999999999999", "is not valid"),
        ("/admin/pledges/pledge/?announced_on__year=9999&announced_on__month=12", "is not valid"),
        (
            "/admin/agreements/agreement/?signed_on__year=2024&signed_on__month=12&signed_on__day="
            + "9" * 20,
            "is not valid",
        ),
        ("/admin/pledges/exchangerate/?year__exact=abc", "is not valid"),
        ("/admin/pledges/pledge/abc/history/", "'abc' is not a valid ID"),
        ("/admin/agreements/agreement/1/history/abc/", "'abc' is not a valid history id"),
    ],
)
def test_bad_admin_parameters_answer_400_with_a_message(editor_client, url, message):
    response = editor_client.get(url)
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
