"""Editor-only notes never reach a reader: no page, CSV, ZIP or search result of any record
shows one, and the notes readers see say nothing of the tracker's own workings."""

import io
import math
import re
import zipfile

import pytest
from django.apps import apps

from agreements.models import Agreement, Milestone
from donors.models import Party
from pledges.models import Pledge, Programme
from portal.datasets import TABLES
from sources.models import Source

pytestmark = pytest.mark.usefixtures("seeded")

# Each list page and the model its rows come from.
LISTS = {
    "/agreements/": Agreement,
    "/timeline/": Milestone,
    "/parties/": Party,
    "/pledges/": Pledge,
    "/programmes/": Programme,
    "/sources/": Source,
}
PER_PAGE = 100
# What only editors should read: field names, the curators' tools, the mis-decoded
# non-breaking space ("¬†") of a seed article.
INTERNAL = re.compile(r"text_url|announced_on|binding_nature|search tool|research table|not found|¬†")


def public_urls():
    yield from ["/", "/disputes/", "/data/", "/data/data_dictionary.csv", "/data/dataset.zip"]
    for url, model in LISTS.items():
        for page in range(1, math.ceil(model.objects.count() / PER_PAGE) + 1):
            yield f"{url}?per_page={PER_PAGE}&page={page}"
        yield f"{url}export.csv"
    for model in (Agreement, Party, Pledge, Programme, Source):
        for row in model.objects.all():
            yield row.get_absolute_url()
    for table in TABLES:
        yield f"/data/{table.name}.csv"


def text_of(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("application/zip"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(archive.read(name).decode() for name in archive.namelist())
    return body.decode()


COLUMN_PAGES = ("/data/", "/data/data_dictionary.csv", "/data/dataset.zip")


@pytest.fixture(scope="module")
def noted_models(_seeded_module, django_db_blocker):
    """Every model with an editor note, each row's note set to a marker naming the row."""
    with django_db_blocker.unblock():
        noted = [
            m for m in apps.get_models() if any(f.name == "editor_note" for f in m._meta.concrete_fields)
        ]
        for model in noted:
            for pk in model.objects.values_list("pk", flat=True):
                model.objects.filter(pk=pk).update(editor_note=f"EDITORNOTE{model.__name__}{pk}")
    return noted


@pytest.fixture(scope="module")
def public_texts(noted_models, django_db_blocker):
    """{url: (content type, text)} of every public page and file, rendered once for the
    module's tests (several hundred pages: rendering them is most of these tests' time)."""
    from django.core.cache import cache
    from django.test import Client

    texts = {}
    with django_db_blocker.unblock():
        cache.clear()  # no page cached before the notes were set
        client = Client()
        for url in public_urls():
            response = client.get(url)
            assert response.status_code == 200, url
            texts[url] = (response["Content-Type"], text_of(response))
    return texts


def every_public_text(public_texts, *, without_column_names=False):
    for url, (content_type, text) in public_texts.items():
        if without_column_names and url in COLUMN_PAGES:
            continue  # the data page and the dictionary name the columns, rightly (the ZIP holds it)
        if without_column_names and content_type.startswith("text/csv"):
            text = text.partition("\n")[2]
        yield url, text


def test_no_public_page_shows_an_editor_note(client, noted_models, public_texts):
    assert {m.__name__ for m in noted_models} >= {
        "Agreement",
        "Milestone",
        "Pledge",
        "Source",
        "Citation",
        "Dispute",
    }
    for url, text in every_public_text(public_texts):
        assert "EDITORNOTE" not in text, url
    for word in ("EDITORNOTEAgreement1", "EDITORNOTEPledge1"):
        assert client.get("/search/", {"q": word}).context["groups"] == [], word


def test_public_notes_say_nothing_of_the_trackers_workings(public_texts):
    found = {
        url: INTERNAL.findall(text)
        for url, text in every_public_text(public_texts, without_column_names=True)
    }
    assert {url: words for url, words in found.items() if words} == {}
