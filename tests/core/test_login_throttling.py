"""Failed admin logins lock out one user name from one client address, never everyone."""

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

ATTACKER, EDITOR = "203.0.113.5", "198.51.100.9"
PROXY = "10.0.0.1"  # the reverse proxy: every request reaches the app from its address


@pytest.fixture
def editor():
    return User.objects.create_user("editor", password="right-password", is_staff=True)


def log_in(client, password, **meta):
    client.logout()
    response = client.post("/admin/login/?next=/admin/", {"username": "editor", "password": password}, **meta)
    return response.status_code, "_auth_user_id" in client.session


def fail_five_times(client, **meta):
    for _ in range(5):
        assert log_in(client, "wrong", **meta)[1] is False


def test_bad_passwords_from_one_address_do_not_lock_the_user_out_from_another(client, editor):
    fail_five_times(client, REMOTE_ADDR=ATTACKER)
    assert log_in(client, "right-password", REMOTE_ADDR=ATTACKER) == (429, False)
    assert log_in(client, "right-password", REMOTE_ADDR=EDITOR) == (302, True)


def test_a_locked_user_name_does_not_lock_other_users_at_the_same_address(client, editor):
    User.objects.create_user("other", password="other-password", is_staff=True)
    fail_five_times(client, REMOTE_ADDR=ATTACKER)
    client.post("/admin/login/", {"username": "other", "password": "other-password"}, REMOTE_ADDR=ATTACKER)
    assert "_auth_user_id" in client.session


def test_behind_a_trusted_proxy_each_client_is_locked_out_by_its_own_address(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    fail_five_times(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)
    # A forged header entry left of the proxy's own does not get the attacker out of the lockout.
    forged = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"192.0.2.1, {ATTACKER}"}
    assert log_in(client, "right-password", **forged) == (429, False)
    assert log_in(client, "right-password", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=EDITOR) == (302, True)


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, editor):
    for forged in ("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"):
        log_in(client, "wrong", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=forged)
    locked = log_in(client, "right-password", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.6")
    assert locked == (429, False)
