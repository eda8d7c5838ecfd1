"""scripts/start derives SITE_URL (the links in the feed, calendars and mails) from PORT_BIND."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
START = ROOT / "scripts" / "start"


def _site_url(**environ) -> str:
    """Run the SITE_URL lines of scripts/start in bash, without starting anything."""
    export = next(
        line for line in START.read_text().splitlines() if line.startswith("export SITE_URL=")
    )
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "PORT_BIND")}
    env.update(environ, ROOT=str(ROOT))
    result = subprocess.run(
        [
            "bash",
            "-c",
            f'set -euo pipefail; source "$ROOT/scripts/_site_url.sh"; {export}; echo "$SITE_URL"',
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=10,
    )
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("port_bind", "site_url"),
    [
        ("8080", "http://127.0.0.1:8080"),
        ("127.0.0.1:9000", "http://127.0.0.1:9000"),
        ("0.0.0.0:8001", "http://127.0.0.1:8001"),
        ("192.0.2.7:8002", "http://192.0.2.7:8002"),
    ],
)
def test_site_url_follows_port_bind(port_bind, site_url):
    assert _site_url(PORT_BIND=port_bind) == site_url


def test_default_and_explicit_site_url_are_kept():
    assert _site_url() == "http://127.0.0.1:8000"
    assert _site_url(PORT_BIND="8080", SITE_URL="https://sam.example") == "https://sam.example"
