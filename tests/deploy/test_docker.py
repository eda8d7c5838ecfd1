"""What can be tested of the production set-up without a Docker engine."""

import ipaddress
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = ROOT / "docker" / "entrypoint.sh"
GOOD_KEY = "prod-" + "x7Q!" * 15


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _interpolate(value: str, env: dict) -> str:
    """Resolve ${VAR}, ${VAR:-default} and ${VAR:?message} as docker compose does."""

    def resolve(match):
        name, op, arg = match.group(1), match.group(2), match.group(3)
        if env.get(name):
            return env[name]
        if op == ":?":
            raise KeyError(f"{name}: {arg}")
        return arg or ""

    return re.sub(r"\$\{(\w+)(?:(:-|:\?)([^}]*))?\}", resolve, value)


def test_stack_has_database_search_web_worker_and_proxy(compose):
    services = compose["services"]
    assert set(services) == {"db", "search", "web", "worker", "scheduler", "proxy"}
    assert services["db"]["image"].startswith("postgres:")
    assert services["search"]["environment"]["discovery.type"] == "single-node"
    assert services["web"]["command"] == ["web"]
    assert services["worker"]["command"] == ["worker"]
    assert set(compose["volumes"]) == {"db-data", "search-data", "media", "private"}


def test_services_keep_their_data_in_volumes(compose):
    services = compose["services"]
    assert "db-data:/var/lib/postgresql/data" in services["db"]["volumes"]
    assert "search-data:/usr/share/elasticsearch/data" in services["search"]["volumes"]
    assert "media:/data/media" in services["web"]["volumes"]
    assert "media:/data/media" in services["worker"]["volumes"]
    assert "private:/data/private" in services["web"]["volumes"]
    assert "private:/data/private" in services["worker"]["volumes"]


def test_only_the_proxy_is_published(compose):
    services = compose["services"]
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}, "gunicorn must not be reachable around the proxy"
    assert services["web"]["expose"] == ["8000"]
    assert set(services["proxy"]["ports"]) == {"80:80", "443:443"}


def _mount_target(volume: str) -> str:
    """Where a "source:target[:mode]" mount lands (the source may hold ${VAR:-default})."""
    parts = volume.split(":")
    return parts[-2] if parts[-1] in {"ro", "rw"} else parts[-1]


def test_proxy_reads_media_and_the_private_store_read_only(compose):
    proxy = compose["services"]["proxy"]
    mounts = {_mount_target(volume): volume for volume in proxy["volumes"]}
    assert mounts["/data/media"] == "media:/data/media:ro"
    assert mounts["/data/private"] == "private:/data/private:ro"
    # The private store is nowhere under the public media path.
    assert not any(
        volume.startswith("private:") and target.startswith("/data/media")
        for target, volume in mounts.items()
    )
    assert mounts["/etc/nginx/certs"].endswith(":/etc/nginx/certs")
    # The proxy starts after web, whose image gives the new volumes their owner.
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"


def _location(conf: str, prefix: str) -> str:
    found = re.search(r"location " + re.escape(prefix) + r" \{(.*?)\}", conf, re.DOTALL)
    assert found, f"nginx.conf has no location {prefix}"
    return found.group(1)


def test_nginx_serves_renditions_publicly_and_private_files_only_internally():
    conf = (ROOT / "docker" / "nginx" / "nginx.conf").read_text()
    assert "alias /data/media/images/;" in _location(conf, "/media/images/")
    assert "return 404;" in _location(conf, "/media/")
    private = _location(conf, "/_private/")
    assert "internal;" in private and "alias /data/private/;" in private
    assert "/data/private" not in conf.replace(private, "")
    assert "server_tokens off;" in conf
    assert "Content-Security-Policy" not in conf, "security headers are Django's job"


def test_gunicorn_trusts_forwarded_headers_from_the_proxy_only(compose):
    services = compose["services"]
    proxy_ip = services["proxy"]["networks"]["default"]["ipv4_address"]
    [network] = compose["networks"]["default"]["ipam"]["config"]
    assert ipaddress.ip_address(proxy_ip) in ipaddress.ip_network(network["subnet"])
    # Other containers get their addresses elsewhere, so none can take the proxy's.
    assert ipaddress.ip_address(proxy_ip) not in ipaddress.ip_network(network["ip_range"])
    assert services["web"]["environment"]["FORWARDED_ALLOW_IPS"] == proxy_ip
    entrypoint = ENTRYPOINT.read_text()
    assert '--forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}"' in entrypoint
    assert '"*"' not in entrypoint and "-*}" not in entrypoint


def test_compose_sets_the_proxy_settings(compose):
    environment = compose["services"]["web"]["environment"]
    assert environment["BEHIND_PROXY"] == "true"
    assert environment["PRIVATE_FILES_VIA_PROXY"] == "true"
    assert environment["TRUSTED_PROXY_COUNT"] == "1"
    assert environment["PRIVATE_MEDIA_ROOT"] == "/data/private"
    assert compose["services"]["worker"]["environment"] == {
        k: v for k, v in environment.items() if k != "FORWARDED_ALLOW_IPS"
    }


def test_image_owns_the_private_store_and_keeps_tls_keys_out():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "PRIVATE_MEDIA_ROOT=/data/private" in dockerfile
    assert "chown portal:portal /data/media /data/private" in dockerfile
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    assert {"docker/nginx/certs", "private", "media"} <= set(ignored)
    assert (ROOT / "docker" / "nginx" / ".dockerignore").read_text().split() == ["certs"]


def test_compose_passes_only_variables_the_settings_read(compose):
    read_by_settings = set(
        re.findall(r'get_\w+\("(\w+)"', (ROOT / "portal/settings/env.py").read_text())
    )
    read_by_entrypoint = set(re.findall(r"\$\{(\w+)", ENTRYPOINT.read_text()))
    passed = set(compose["services"]["web"]["environment"]) - {"DJANGO_SETTINGS_MODULE"}
    assert passed <= read_by_settings | read_by_entrypoint, passed - read_by_settings
    assert {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "ELASTICSEARCH_URL"} <= passed


def test_compose_refuses_to_start_without_secrets(compose):
    environment = compose["services"]["web"]["environment"]
    with pytest.raises(KeyError, match="SECRET_KEY"):
        _interpolate(environment["SECRET_KEY"], {})


def test_settings_from_compose_pass_the_deploy_check(compose, tmp_path):
    outer = {
        "SECRET_KEY": GOOD_KEY,
        "ALLOWED_HOSTS": "kennis.example.be",
        "POSTGRES_PASSWORD": "pw",
    }
    env = {
        name: _interpolate(str(value), outer)
        for name, value in compose["services"]["web"]["environment"].items()
    }
    # No PostgreSQL or Elasticsearch here: the check needs neither, only the parsed settings.
    code = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['HOST'], s.SEARCH_BACKEND, s.SECURE_PROXY_SSL_HEADER[0], "
        "s.ALLAUTH_TRUSTED_PROXY_COUNT, s.PRIVATE_MEDIA_ROOT)"
    )
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    run = {
        "cwd": ROOT,
        "env": {**base, **env},
        "capture_output": True,
        "text": True,
        "timeout": 120,
    }
    shown = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], **run)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip().splitlines()[-1] == (
        "db elasticsearch HTTP_X_FORWARDED_PROTO 1 /data/private"
    )
    check = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], **run
    )
    assert check.returncode == 0, check.stderr + check.stdout


def test_every_environment_variable_is_documented():
    # Keeps env.py and the README's table from drifting apart.
    readme = (ROOT / "README.md").read_text()
    for name in re.findall(r'get_\w+\("(\w+)"', (ROOT / "portal/settings/env.py").read_text()):
        assert f"`{name}`" in readme, f"{name} is not documented in README.md"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _production_env(tmp_path) -> dict:
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **base,
        "PATH": f"{Path(sys.executable).parent}:{base.get('PATH', '')}",
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": GOOD_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "STATIC_ROOT": str(tmp_path / "static"),
    }


def _wait_for(url: str, server, headers=None, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
            with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310
                return response.status, response.read().decode()
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"server did not answer {url}; exit={server.poll()}")


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_image_steps_collect_static_migrate_and_serve(tmp_path):
    """The Dockerfile's collectstatic, then the entry point's web command, on this machine."""
    env = {
        **_production_env(tmp_path),
        "PORT": str(_free_port()),
        "WEB_CONCURRENCY": "1",
        "BEHIND_PROXY": "true",
    }
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert collect.returncode == 0, collect.stderr
    server = subprocess.Popen(
        ["sh", str(ENTRYPOINT), "web"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{env['PORT']}"
    try:
        status, body = _wait_for(f"{base}/health/", server)
        assert status == 200
        assert '"status": "ok"' in body and '"vendor": "sqlite"' in body
        # A page in the site layout, through the proxy's HTTPS header, with hashed static names.
        status, body = _wait_for(
            f"{base}/accounts/login/", server, headers={"X-Forwarded-Proto": "https"}
        )
        assert status == 200
        css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body)
        assert css, "the stylesheet should be served under its hashed name"
        status, _ = _wait_for(base + css.group(1), server, headers={"X-Forwarded-Proto": "https"})
        assert status == 200
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Applying" in output or "No migrations to apply" in output


def _entrypoint_after_migrate(tmp_path, *args: str) -> subprocess.CompletedProcess:
    """Migrate a fresh production database, then run the entry point with `args`."""
    env = _production_env(tmp_path)
    subprocess.run(
        ["sh", str(ENTRYPOINT), "python", "manage.py", "migrate", "--noinput"],
        env=env,
        check=True,
        capture_output=True,
        timeout=180,
    )
    return subprocess.run(
        ["sh", str(ENTRYPOINT), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_entrypoint_worker_runs_the_task_queue(tmp_path):
    result = _entrypoint_after_migrate(tmp_path, "worker", "--batch", "--no-startup-delay")
    assert result.returncode == 0, result.stderr


def test_entrypoint_scheduler_publishes_scheduled_pages_and_sends_reminders(tmp_path):
    result = _entrypoint_after_migrate(tmp_path, "scheduler", "--once")
    assert result.returncode == 0, result.stderr
    assert "reminder(s) enqueued" in result.stdout
    assert "activity reminder(s) enqueued" in result.stdout


def test_entrypoint_passes_other_commands_through(tmp_path):
    result = subprocess.run(
        ["sh", str(ENTRYPOINT), "python", "-c", "print('doorgegeven')"],
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == "doorgegeven"
