"""Settings are checked in a fresh interpreter: they are read once, at start-up."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "Z9!x-" * 8

SCRUBBED = {"DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": "kennis.example.be",
    "DATABASE_URL": "sqlite:///:memory:",
}


def manage(*args, env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_passes_check_deploy():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("SECRET_KEY", "", "SECRET_KEY is not set"),
        ("SECRET_KEY", "kort", "SECRET_KEY is too short"),
        ("SECRET_KEY", "a" * 60, "SECRET_KEY is not random enough"),
        ("SECRET_KEY", "abcd" * 20, "SECRET_KEY is not random enough"),
        ("SECRET_KEY", "django-insecure-" + GOOD_KEY, "SECRET_KEY is Django's insecure"),
        ("ALLOWED_HOSTS", "", "ALLOWED_HOSTS is not set"),
        ("SEARCH_BACKEND", "solr", "SEARCH_BACKEND must be one of"),
        ("EMAIL_USE_TLS", "ja", "EMAIL_USE_TLS must be true or false"),
        ("EMAIL_PORT", "poort", "EMAIL_PORT must be a whole number"),
    ],
)
def test_bad_configuration_stops_start_up_with_a_clear_message(variable, value, message):
    result = manage("check", env_overrides={**PRODUCTION_ENV, variable: value})
    assert result.returncode != 0
    # The last line, the one people read, names the problem.
    assert message in result.stderr.strip().splitlines()[-1]


def test_production_refuses_demo_content():
    result = manage("load_demo", env_overrides=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "Demo content is disabled" in result.stderr


def test_database_url_selects_the_database():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://u:p@db:5432/portal"}
    result = manage("shell", "-c", code, env_overrides=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "django.db.backends.postgresql"
