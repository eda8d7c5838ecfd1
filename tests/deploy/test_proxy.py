"""The compose stack's nginx config (docker/nginx/), checked with a locally installed nginx.

`nginx -t` on the config, then a real run on loopback ports in front of a stand-in for
gunicorn: private files through X-Accel-Redirect (with ranges), public renditions, the
client's address and scheme as the upstream sees them. The config is the production file
with container paths, ports and the upstream's name replaced; every replacement must match,
so a changed config fails here instead of being skipped over. Needs Debian's `nginx` and
`openssl` (.ci/run installs them); skipped without them unless PORTAL_REQUIRE_NGINX is set.
"""

import gzip
import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.test import RequestFactory

import pytest
from allauth.core.internal.httpkit import get_client_ip

ROOT = Path(__file__).resolve().parents[2]
NGINX_DIR = ROOT / "docker" / "nginx"
CONF = NGINX_DIR / "nginx.conf"
CERT_SCRIPT = NGINX_DIR / "40-tls-certificate.sh"

AUDIO = bytes(range(256)) * 256  # 64 KiB, every offset recognisable
AUDIO_NAME = "aflevering 1.mp3"  # a space: the redirect's URL is percent-encoded
RENDITION = b"RIFF\x00\x00\x00\x00WEBPrendition"
PAGE = "<!doctype html><p>" + "Kennis voor casemanagers. " * 200 + "</p>"


def _require(tool: str) -> str:
    # Debian puts nginx in /usr/sbin, which is not on every user's PATH.
    path = shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/usr/local/sbin")
    if path is None:
        reason = f"`{tool}` is not installed here (apt-get install nginx openssl)"
        if os.environ.get("PORTAL_REQUIRE_NGINX"):
            pytest.fail(f"The proxy tests are required here, but {reason}.")
        pytest.skip(f"Proxy test skipped: {reason}.")
    return path


def _nginx_version(nginx: str) -> tuple[int, ...]:
    shown = subprocess.run([nginx, "-v"], capture_output=True, text=True, timeout=10)
    found = re.search(r"nginx/(\d+)\.(\d+)\.(\d+)", shown.stderr + shown.stdout)
    assert found, shown.stderr
    return tuple(int(part) for part in found.groups())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _make_certificate(directory: Path) -> None:
    """The proxy image's own first-start script makes a throw-away pair."""
    _require("openssl")
    result = subprocess.run(
        ["sh", str(CERT_SCRIPT), str(directory)],
        env={**os.environ, "ALLOWED_HOSTS": "localhost,kennis.example.be"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr + result.stdout


@dataclass
class Layout:
    root: Path
    http_port: int
    https_port: int
    upstream_port: int

    @property
    def certs(self) -> Path:
        return self.root / "certs"

    @property
    def media(self) -> Path:
        return self.root / "media"

    @property
    def private(self) -> Path:
        return self.root / "private"

    @property
    def acme(self) -> Path:
        return self.root / "acme"

    @property
    def error_log(self) -> Path:
        return self.root / "error.log"


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, f"docker/nginx/nginx.conf no longer contains {old!r}: update this test"
    return text.replace(old, new)


def render(layout: Layout, version: tuple[int, ...]) -> str:
    """docker/nginx/nginx.conf with this machine's ports, directories and upstream."""
    conf = CONF.read_text()
    # Workers as root can read pytest's private temporary directories; the image's
    # "nginx" user does not exist here (and the directive is ignored when not root).
    conf = _replace(conf, "user nginx;", "user root;" if os.geteuid() == 0 else "")
    conf = _replace(conf, "/var/log/nginx/error.log", str(layout.error_log))
    conf = _replace(conf, "/var/log/nginx/access.log", str(layout.root / "access.log"))
    conf = _replace(conf, "/var/run/nginx.pid", str(layout.root / "nginx.pid"))
    conf = _replace(conf, "listen 80 ", f"listen 127.0.0.1:{layout.http_port} ")
    conf = _replace(conf, "listen 443 ", f"listen 127.0.0.1:{layout.https_port} ")
    conf = _replace(conf, "/etc/nginx/certs/", f"{layout.certs}/")
    conf = _replace(conf, "/data/media/", f"{layout.media}/")
    conf = _replace(conf, "/data/private/", f"{layout.private}/")
    conf = _replace(conf, "/var/www/acme", str(layout.acme))
    conf = _replace(conf, "web:8000", f"127.0.0.1:{layout.upstream_port}")
    temp = "".join(
        f"    {kind}_temp_path {layout.root / 'temp' / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = _replace(conf, "\nhttp {\n", "\nhttp {\n" + temp)
    if not Path("/etc/nginx/mime.types").exists():
        types = layout.root / "mime.types"
        types.write_text("types { text/html html; audio/mpeg mp3; image/webp webp; }\n")
        conf = _replace(conf, "/etc/nginx/mime.types", str(types))
    if version < (1, 25, 1):
        # The image's nginx (1.28) has the http2 directive; older ones (Debian 12's
        # 1.22) spell it as a listen parameter.
        conf = _replace(conf, "        http2 on;\n", "")
        conf = _replace(conf, " ssl default_server;", " ssl http2 default_server;")
    return conf


def _write_layout(layout: Layout, version: tuple[int, ...], certs: Path) -> Path:
    shutil.copytree(certs, layout.certs)
    (layout.media / "images").mkdir(parents=True)
    (layout.media / "images" / "foto.fill-400x300.webp").write_bytes(RENDITION)
    # An original left in the public volume from before the private store: not served.
    (layout.media / "original_images").mkdir()
    (layout.media / "original_images" / "foto.jpg").write_bytes(b"original")
    (layout.private / "audio").mkdir(parents=True)
    (layout.private / "audio" / AUDIO_NAME).write_bytes(AUDIO)
    (layout.acme / ".well-known" / "acme-challenge").mkdir(parents=True)
    (layout.acme / ".well-known" / "acme-challenge" / "token-1").write_text("token-1.key")
    (layout.root / "temp").mkdir()
    conf = layout.root / "nginx.conf"
    conf.write_text(render(layout, version))
    return conf


class Upstream(BaseHTTPRequestHandler):
    """Stands in for gunicorn: records what it receives, answers like the site would."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def _answer(self, status: int, body: bytes = b"", headers: dict | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - http.server's naming
        self.server.seen.append((self.command, self.path, dict(self.headers.items())))
        if self.path.startswith("/podcast/"):
            # What portal/files.py answers once the listener may hear the episode.
            self._answer(
                200,
                headers={
                    "X-Accel-Redirect": "/_private/audio/aflevering%201.mp3",
                    "Content-Type": "audio/mpeg",
                    "Content-Disposition": 'inline; filename="aflevering 1.mp3"',
                    "Cache-Control": "private",
                },
            )
        elif self.path == "/documents/weg/":
            self._answer(200, headers={"X-Accel-Redirect": "/_private/documents/weg.pdf"})
        elif self.path == "/pagina/":
            self._answer(200, PAGE.encode(), {"Content-Type": "text/html; charset=utf-8"})
        else:
            self._answer(200, b"upstream", {"Content-Type": "text/plain"})

    def do_POST(self):  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length", 0))
        received = 0
        while received < length:
            chunk = self.rfile.read(min(1 << 20, length - received))
            if not chunk:
                break
            received += len(chunk)
        self.server.seen.append((self.command, self.path, dict(self.headers.items())))
        self._answer(200, str(received).encode(), {"Content-Type": "text/plain"})


def _wait_for_ports(process: subprocess.Popen, layout: Layout, deadline_s: float = 10) -> None:
    deadline = time.monotonic() + deadline_s
    waiting = {layout.http_port, layout.https_port}
    while waiting:
        if process.poll() is not None:
            log = layout.error_log.read_text() if layout.error_log.exists() else ""
            raise AssertionError(f"nginx stopped (exit {process.returncode}):\n{log}")
        if time.monotonic() > deadline:
            raise AssertionError(f"nginx did not listen on {sorted(waiting)} in {deadline_s} s")
        for port in list(waiting):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                waiting.discard(port)
            except OSError:
                pass
        if waiting:
            time.sleep(0.02)


@dataclass
class Proxy:
    layout: Layout
    upstream: ThreadingHTTPServer

    @property
    def seen(self) -> list:
        return self.upstream.seen

    def request(self, path, *, scheme="https", method="GET", headers=None, body=None):
        if scheme == "https":
            context = ssl.create_default_context(cafile=self.layout.certs / "fullchain.pem")
            context.check_hostname = False  # the certificate names localhost
            connection = http.client.HTTPSConnection(
                "127.0.0.1", self.layout.https_port, context=context, timeout=10
            )
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.layout.http_port, timeout=10)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()


@pytest.fixture(scope="module")
def nginx():
    path = _require("nginx")
    return path, _nginx_version(path)


@pytest.fixture(scope="module")
def certs(tmp_path_factory):
    directory = tmp_path_factory.mktemp("certs") / "certs"
    _make_certificate(directory)
    return directory


def _layout(root: Path, upstream_port: int) -> Layout:
    return Layout(root, _free_port(), _free_port(), upstream_port)


def test_certificate_script_makes_a_pair_once(certs, tmp_path):
    shutil.copytree(certs, tmp_path / "certs")
    cert, key = tmp_path / "certs" / "fullchain.pem", tmp_path / "certs" / "privkey.pem"
    shown = subprocess.run(
        ["openssl", "x509", "-in", str(cert), "-noout", "-subject", "-ext", "subjectAltName"],
        capture_output=True,
        text=True,
        timeout=10,
    )
    assert "CN = localhost" in shown.stdout and "DNS:localhost" in shown.stdout, shown
    assert key.stat().st_mode & 0o077 == 0, "the private key must not be readable by others"
    before = cert.read_bytes()
    _make_certificate(tmp_path / "certs")  # a certificate is there: left as it is
    assert cert.read_bytes() == before


def test_config_passes_nginx_test(nginx, certs, tmp_path):
    binary, version = nginx
    layout = _layout(tmp_path, _free_port())
    conf = _write_layout(layout, version, certs)
    result = subprocess.run(
        [binary, "-t", "-e", str(layout.error_log), "-c", str(conf)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr and "test is successful" in result.stderr


@pytest.fixture(scope="module")
def proxy(nginx, certs, tmp_path_factory):
    binary, version = nginx
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    upstream.daemon_threads = True
    upstream.seen = []
    thread = threading.Thread(target=upstream.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    layout = _layout(tmp_path_factory.mktemp("proxy"), upstream.server_address[1])
    conf = _write_layout(layout, version, certs)
    process = subprocess.Popen(
        [binary, "-e", str(layout.error_log), "-c", str(conf), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_ports(process, layout)
        yield Proxy(layout, upstream)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        upstream.shutdown()
        upstream.server_close()


@pytest.fixture
def seen(proxy):
    proxy.seen.clear()
    return proxy.seen


def test_private_audio_is_sent_by_nginx_with_ranges(proxy, seen):
    status, headers, body = proxy.request(
        "/podcast/aflevering-1/audio/", headers={"Range": "bytes=1000-1999"}
    )
    assert status == 206
    assert body == AUDIO[1000:2000]
    assert headers["Content-Range"] == f"bytes 1000-1999/{len(AUDIO)}"
    assert headers["Content-Type"] == "audio/mpeg"
    assert headers["Content-Disposition"] == 'inline; filename="aflevering 1.mp3"'
    assert headers["Cache-Control"] == "private"  # the view's word, for member-only files
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "X-Accel-Redirect" not in headers
    # The view ran (that is where access is checked), once.
    assert [(method, path) for method, path, _ in seen] == [("GET", "/podcast/aflevering-1/audio/")]


def test_private_file_without_range_is_sent_whole(proxy, seen):
    status, headers, body = proxy.request("/podcast/aflevering-1/audio/")
    assert status == 200
    assert body == AUDIO
    assert headers["Accept-Ranges"] == "bytes"


def test_private_location_cannot_be_asked_for_directly(proxy, seen):
    for path in ("/_private/audio/aflevering%201.mp3", "/_private/"):
        status, _, body = proxy.request(path)
        assert status == 404, path
        assert AUDIO[:64] not in body
    assert seen == []


def test_redirect_to_a_missing_private_file_is_404(proxy, seen):
    status, _, _ = proxy.request("/documents/weg/")
    assert status == 404


def test_only_renditions_are_public_media(proxy, seen):
    status, headers, body = proxy.request("/media/images/foto.fill-400x300.webp")
    assert status == 200
    assert body == RENDITION
    assert "max-age=86400" in headers["Cache-Control"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert proxy.request("/media/original_images/foto.jpg")[0] == 404
    assert proxy.request("/media/images/../original_images/foto.jpg")[0] == 404
    assert seen == [], "media is served by nginx, never by the site"


def test_upstream_gets_the_client_address_and_scheme(proxy, seen, settings):
    status, _, _ = proxy.request(
        "/accounts/login/",
        headers={
            # What a client may claim: kept in front, never trusted.
            "X-Forwarded-For": "203.0.113.9",
            "X-Forwarded-Ssl": "on",
            "X-Forwarded-Protocol": "https",
        },
    )
    assert status == 200
    [(_, _, headers)] = seen
    assert headers["X-Forwarded-For"] == "203.0.113.9, 127.0.0.1"
    assert headers["X-Real-IP"] == "127.0.0.1"
    assert headers["X-Forwarded-Proto"] == "https"
    assert headers["X-Forwarded-Host"] == headers["Host"] == f"127.0.0.1:{proxy.layout.https_port}"
    assert "X-Forwarded-Ssl" not in headers and "X-Forwarded-Protocol" not in headers

    # allauth's rate limits, with the compose setting, count the client, not the proxy
    # and not what the client claimed.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/accounts/login/",
        REMOTE_ADDR="172.30.42.10",
        HTTP_X_FORWARDED_FOR=headers["X-Forwarded-For"],
    )
    assert get_client_ip(request) == "127.0.0.1"


def test_plain_http_redirects_to_https_except_health_and_acme(proxy, seen):
    status, headers, _ = proxy.request("/accounts/login/?next=/", scheme="http")
    assert status == 301
    assert headers["Location"] == "https://127.0.0.1/accounts/login/?next=/"
    status, _, body = proxy.request("/health/", scheme="http")
    assert (status, body) == (200, b"upstream")
    assert seen[-1][2]["X-Forwarded-Proto"] == "http"
    status, _, body = proxy.request("/.well-known/acme-challenge/token-1", scheme="http")
    assert (status, body) == (200, b"token-1.key")


def test_upload_limits(proxy, seen):
    # Documents (20 MB) fit anywhere; bigger bodies only in the admin (podcast audio).
    # Too big is refused from the announced length, before any byte is read.
    body = b"x" * (21 * 1024 * 1024)
    status, _, received = proxy.request("/documenten/", method="POST", body=body)
    assert (status, received) == (200, str(len(body)).encode())
    over_25 = {"Content-Length": str(26 * 1024 * 1024)}
    assert proxy.request("/accounts/signup/", method="POST", headers=over_25)[0] == 413
    big = b"x" * (26 * 1024 * 1024)
    status, _, received = proxy.request("/admin/pages/7/edit/", method="POST", body=big)
    assert (status, received) == (200, str(len(big)).encode())
    over_520 = {"Content-Length": str(521 * 1024 * 1024)}
    assert proxy.request("/admin/pages/7/edit/", method="POST", headers=over_520)[0] == 413


def test_text_is_compressed_and_the_version_is_not_told(proxy, seen):
    status, headers, body = proxy.request("/pagina/", headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body).decode() == PAGE
    assert headers["Server"] == "nginx"


def test_static_files_go_to_the_site(proxy, seen):
    # WhiteNoise serves /static/ (hashed names, compressed copies) through the proxy.
    status, _, _ = proxy.request("/static/css/site.0123456789ab.css")
    assert status == 200
    assert [path for _, path, _ in seen] == ["/static/css/site.0123456789ab.css"]
