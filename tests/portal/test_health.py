import socket

from django.db import DatabaseError

import pytest

pytestmark = pytest.mark.django_db


def test_health_is_ok_on_the_database_backend(client):
    response = client.get("/health/")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert data["database"]["status"] == "ok"
    assert data["search"] == {"status": "ok", "backend": "database"}


def test_health_is_503_when_the_database_is_down(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    from django.db import connection

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/health/")
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "down"
    assert data["database"]["status"] == "down"
    assert "connection refused" not in response.content.decode()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_elasticsearch_is_degraded_not_down(client, settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{_closed_port()}"
    response = client.get("/health/")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "degraded"
    assert data["search"]["status"] == "degraded"
    assert data["search"]["cluster"] == "unreachable"


def test_health_is_not_cached(client):
    assert "no-cache" in client.get("/health/")["Cache-Control"]
