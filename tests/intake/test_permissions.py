"""Editors may use the intake; nobody else sees it, and stored texts never reach a
public page beyond the sentences citations quote."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from sources.models import Citation

pytestmark = pytest.mark.django_db

# A sentence of the stored text that no citation quotes.
UNQUOTED = "He highlighted the ongoing reforms within the Ukrainian Ministry of Defense"


def _intake_pages(source):
    return [
        reverse("intake:article"),
        reverse("intake:sentences", args=[source.pk]),
        reverse("intake:fact", args=[source.pk]) + "?make=pledge:0:0",
        reverse("admin:sources_source_change", args=[source.pk]),
    ]


def test_editors_may_use_the_intake(dutch_article, client, editor):
    source = dutch_article["source"]
    assert client.get(reverse("intake:article")).status_code == 200
    page = client.get(reverse("intake:sentences", args=[source.pk]))
    assert page.status_code == 200 and UNQUOTED in page.content.decode()
    assert reverse("intake:article") in client.get(reverse("admin:index")).content.decode()


def test_anonymous_users_are_sent_to_the_login_and_see_no_text(dutch_article, client):
    for url in _intake_pages(dutch_article["source"]):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_staff_without_the_editors_rights_are_refused(dutch_article, client):
    client.force_login(User.objects.create_user("visitor", password="x", is_staff=True))
    for url in _intake_pages(dutch_article["source"]):
        response = client.get(url)
        assert response.status_code in (403, 302) and UNQUOTED not in response.content.decode(), url


def test_public_pages_show_quoted_sentences_only(dutch_article, client):
    source = dutch_article["source"]
    quoted = "Furthermore, 10 million euros are allocated by the Dutch government"
    from tests.factories import PledgeFactory

    Citation.objects.create(
        source=source, quote=quoted, pledge=PledgeFactory(donor=dutch_article["Netherlands"])
    )
    for url in [source.get_absolute_url(), "/search/?q=Ministry", "/sources/", "/data/citations.csv"]:
        body = (
            b"".join(client.get(url).streaming_content) if url.endswith(".csv") else client.get(url).content
        )
        assert UNQUOTED.encode() not in body, url
    assert quoted.encode() in client.get(source.get_absolute_url()).content
