"""The editors' data-quality page in the admin."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from quality import waivers
from tests.factories import PledgeFactory, SourceFactory

pytestmark = pytest.mark.django_db
PAGE = reverse("data-quality")


def test_editors_see_every_finding_with_a_link_to_fix_it(client, editor):
    pledge = PledgeFactory()
    response = client.get(PAGE)
    assert response.status_code == 200
    assert f'<a href="/admin/pledges/pledge/{pledge.pk}/change/">{pledge}</a>' in response.text
    assert "Facts without a citation" in response.text and "not waived: fix it" in response.text


def test_waived_findings_show_their_reason_and_stale_waivers_are_listed(
    client, editor, tmp_path, monkeypatch
):
    SourceFactory(url="", publisher="Gov", title="Text", published_on=None, published_precision="")
    path = tmp_path / "w.yml"
    path.write_text(
        "- {check: source_without_url, record: 'source:Gov/Text/-', reason: Printed only.}\n"
        "- {check: uncited, record: 'party:gone', reason: Old.}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(waivers, "WAIVERS_FILE", path)
    text = client.get(PAGE).text
    assert "Printed only." in text
    assert 'id="stale-waivers"' in text and "party:gone" in text


def test_a_broken_waiver_file_is_shown_not_a_500(client, editor, tmp_path, monkeypatch):
    path = tmp_path / "w.yml"
    path.write_text("- [", encoding="utf-8")
    monkeypatch.setattr(waivers, "WAIVERS_FILE", path)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "The waivers file cannot be read, so nothing is waived" in response.text


def test_the_admin_index_links_to_the_page(client, editor):
    assert f'href="{PAGE}"' in client.get(reverse("admin:index")).text


def test_only_staff_may_see_it(client):
    assert client.get(PAGE).status_code == 302  # to the login page
    client.force_login(User.objects.create_user("reader"))
    assert client.get(PAGE).status_code == 302
