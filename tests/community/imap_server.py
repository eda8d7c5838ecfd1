"""A real IMAP server for the tests: Debian's dovecot-imapd, run as a throw-away instance.

``running()`` starts ``dovecot -F`` with its own configuration in a temporary directory: IMAP
on 127.0.0.1 and a free port, no TLS, one user from a passwd file, Maildir storage, and its
base, state and log paths in that directory, so nothing of a system-wide dovecot is used
or touched. Dovecot runs unprivileged: as the current user, or as ``nobody`` when the tests
run as root (its mail processes refuse root). Messages go in with IMAP APPEND.

Needs the ``dovecot`` binary (``apt-get install dovecot-imapd``; .ci/run installs it); the
tests skip without it unless PORTAL_REQUIRE_DOVECOT is set.
"""

import contextlib
import ctypes
import ctypes.util
import email
import grp
import imaplib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

USER = "forum"
PASSWORD = "imap-test-wachtwoord"  # noqa: S105 - a throw-away local server
START_TIMEOUT = 15  # seconds

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
instance_name = portal-test-{port}
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {root}/passwd
}}
userdb {{
  driver = static
  args = uid={user} gid={group} home={root}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


def binary() -> str | None:
    # Debian puts dovecot in /usr/sbin, which is not on every user's PATH.
    return shutil.which("dovecot") or shutil.which("dovecot", path="/usr/sbin:/usr/local/sbin")


def require() -> str:
    found = binary()
    if found is None:
        reason = "dovecot (Debian's dovecot-imapd) is not installed"
        if os.environ.get("PORTAL_REQUIRE_DOVECOT"):
            pytest.fail(f"The mail reply tests are required here, but {reason}.")
        pytest.skip(reason)
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Dovecot:
    host = "127.0.0.1"
    user = USER
    password = PASSWORD

    def __init__(self, root: Path, port: int, process: subprocess.Popen):
        self.root = root
        self.port = port
        self.process = process

    @property
    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    @contextlib.contextmanager
    def client(self, folder: str = "INBOX"):
        client = imaplib.IMAP4(self.host, self.port, timeout=5)
        try:
            client.login(self.user, self.password)
            client.select(folder)
            yield client
        finally:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):
                client.logout()

    def append(self, *messages: bytes, flags: str = "") -> None:
        with self.client() as client:
            for raw in messages:
                status, data = client.append("INBOX", flags or None, None, raw)
                assert status == "OK", data

    def clear(self) -> None:
        with self.client() as client:
            status, data = client.uid("SEARCH", None, "ALL")
            if data and data[0]:
                client.uid("STORE", b",".join(data[0].split()), "+FLAGS", r"(\Deleted)")
                client.expunge()

    def flags(self) -> dict[str, set[str]]:
        """Every message's flags, by Message-ID (or by UID when it has none)."""
        found = {}
        with self.client() as client:
            status, data = client.uid("FETCH", "1:*", "(FLAGS BODY.PEEK[HEADER])")
            for item in data:
                if not isinstance(item, tuple):
                    continue
                meta, header = item
                flags = meta[meta.index(b"FLAGS (") + 7 :].split(b")")[0].decode().split()
                uid = meta.split(b"UID ")[1].split()[0].decode() if b"UID " in meta else ""
                message_id = email.message_from_bytes(header).get("Message-ID", f"uid:{uid}")
                found[message_id.strip()] = set(flags)
        return found


def _die_with_parent() -> None:
    """In the child before exec: stop dovecot when pytest dies (killed by a CI timeout)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _unprivileged() -> tuple[str, str, int | None, int | None]:
    """User and group for dovecot's processes, and the ids to switch to when we are root."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.getuid()).pw_name, grp.getgrgid(os.getgid()).gr_name, None, None
    nobody = pwd.getpwnam("nobody")
    group = grp.getgrgid(nobody.pw_gid)
    return nobody.pw_name, group.gr_name, nobody.pw_uid, nobody.pw_gid


@contextlib.contextmanager
def running():
    """Start a dovecot instance, yield a ``Dovecot``, stop it and remove its directory."""
    dovecot = require()
    # Not pytest's tmp_path: its directories are private to the user running pytest, and
    # dovecot runs as someone else when that user is root.
    root = Path(tempfile.mkdtemp(prefix="portal-dovecot-"))
    port = _free_port()
    user, group, uid, gid = _unprivileged()
    for name in ("run", "state", "home"):
        (root / name).mkdir()
    (root / "dovecot.conf").write_text(CONFIG.format(root=root, port=port, user=user, group=group))
    (root / "passwd").write_text(f"{USER}:{PASSWORD}::::::\n")
    if uid is not None:
        for path in [root, *root.rglob("*")]:
            os.chown(path, uid, gid)
    stderr = (root / "stderr.log").open("wb")
    process = subprocess.Popen(
        [dovecot, "-F", "-c", str(root / "dovecot.conf")],
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        user=uid,
        group=gid,
        extra_groups=[] if uid is not None else None,
        cwd=root,
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,  # noqa: PLW1509
    )
    server = Dovecot(root, port, process)
    try:
        _wait_until_ready(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        stderr.close()
        shutil.rmtree(root, ignore_errors=True)


def _wait_until_ready(server: Dovecot) -> None:
    """Connect until the greeting comes (a refused connection returns at once)."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            client = imaplib.IMAP4(server.host, server.port, timeout=1)
        except OSError:
            pass
        else:
            client.shutdown()
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"dovecot did not start in {START_TIMEOUT} s:\n{server.log}")
        try:
            # Waits for the process to die (a bad configuration), or 20 ms before trying again.
            server.process.wait(timeout=0.02)
        except subprocess.TimeoutExpired:
            continue
        stderr = (server.root / "stderr.log").read_text(errors="replace")
        raise RuntimeError(f"dovecot stopped at start:\n{stderr}\n{server.log}")
