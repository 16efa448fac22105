"""The README's replica promise, against a real streaming standby (tests/replica/conftest.py).

Reads go to the replica; a user's reads right after their own write go to the primary;
and while the replica lags (replay paused) the shared cache is never poisoned.
"""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.admin_forms import change_form_data
from tests.factories import PartyFactory, PledgeFactory

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


def editor_client() -> Client:
    # A superuser: transactional tests empty every table, the Editors group included.
    user = User.objects.create_superuser("replica-editor")
    client = Client()
    client.force_login(user)
    return client


def test_the_standby_is_a_streaming_replica(replica):
    assert replica.execute("SELECT pg_is_in_recovery()") == (True,)
    assert replica.execute("SELECT status FROM pg_stat_wal_receiver") == ("streaming",)


def test_reads_go_to_the_replica(replica):
    replica.pause()
    pledge = PledgeFactory()  # written to the primary, not yet replayed on the standby
    assert Client().get(f"/pledges/{pledge.pk}/").status_code == 404
    replica.resume()
    replica.wait_until_caught_up()
    assert Client().get(f"/pledges/{pledge.pk}/").status_code == 200


def save_pledge_amount(editor: Client, pledge, amount: str):
    url = reverse("admin:pledges_pledge_change", args=[pledge.pk])
    form = change_form_data(editor.get(url))
    form["amount"] = amount
    response = editor.post(url, form)
    assert response.status_code == 302, response.content[:2000]


def test_a_users_reads_right_after_their_own_write_go_to_the_primary(replica):
    donor = PartyFactory()
    pledge = PledgeFactory(donor=donor, amount=Decimal("1000"), currency="EUR")
    editor = editor_client()
    replica.wait_until_caught_up()
    replica.pause()

    save_pledge_amount(editor, pledge, "2500")
    assert editor.get(f"/pledges/{pledge.pk}/").context["pledge"].amount == Decimal("2500")
    # Someone else still reads the lagging replica: the old figure, as of the replica's data.
    assert Client().get(f"/pledges/{pledge.pk}/").context["pledge"].amount == Decimal("1000")


def donor_total(client: Client, donor) -> Decimal:
    """The total the page shows (a page kept whole in the cache has no template context)."""
    page = client.get("/pledges/", {"donor": donor.slug}).content.decode()
    shown = re.search(r"Total in EUR: EUR ([\d,.]+)", page).group(1)
    return Decimal(shown.replace(",", ""))


def test_a_lagging_replica_never_poisons_the_shared_cache(replica):
    donor = PartyFactory()
    in_euros = {"amount": Decimal("1000"), "currency": "EUR", "amount_eur": Decimal("1000"), "eur_rate": 1}
    PledgeFactory(donor=donor, **in_euros)
    pledge = PledgeFactory(donor=donor, **in_euros)
    editor, visitor = editor_client(), Client()
    assert donor_total(visitor, donor) == Decimal("2000")
    replica.wait_until_caught_up()
    replica.pause()

    save_pledge_amount(editor, pledge, "3000")
    # A visitor's page while the replica lags is computed from the replica, and cached.
    assert donor_total(visitor, donor) == Decimal("2000")
    # The editor never gets that figure, older than what they just wrote.
    assert donor_total(editor, donor) == Decimal("4000")

    replica.resume()
    replica.wait_until_caught_up()
    # Once the replica has the write, nobody gets the figure cached while it lagged.
    assert donor_total(visitor, donor) == Decimal("4000")
    assert donor_total(Client(), donor) == Decimal("4000")


def test_a_new_rows_key_is_chosen_on_the_primary_while_the_replica_lags(replica):
    """Keys are made unique against the rows already written: read on the primary, or a
    lagging replica would hand the same key out twice (and the second save would fail)."""
    replica.pause()
    donor = PartyFactory()
    first, second = (PledgeFactory(donor=donor, purpose="the same purpose") for _ in range(2))
    assert first.key and second.key == f"{first.key}-2"
