"""Every setting that comes from the environment is read here, and only here."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def get_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def get_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def get_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from exc


def get_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


DEFAULT_DATABASE_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"

DATABASE_URL = get_str("DATABASE_URL") or DEFAULT_DATABASE_URL
SECRET_KEY = get_str("SECRET_KEY")
ALLOWED_HOSTS = get_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = get_list("CSRF_TRUSTED_ORIGINS")
DEBUG = get_bool("DEBUG", default=False)
MEDIA_ROOT = get_str("MEDIA_ROOT") or str(BASE_DIR / "media")
# Uploads that access rules guard (documents, audio, original images, attachments): never
# under MEDIA_ROOT, served only by views that check who asks.
PRIVATE_MEDIA_ROOT = get_str("PRIVATE_MEDIA_ROOT") or str(BASE_DIR / "private")
STATIC_ROOT = get_str("STATIC_ROOT") or str(BASE_DIR / "staticfiles")
SITE_URL = get_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

SEARCH_BACKEND = get_str("SEARCH_BACKEND", "database").lower()
ELASTICSEARCH_URL = get_str("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX = get_str("ELASTICSEARCH_INDEX", "casemanagers-search")

EMAIL_HOST = get_str("EMAIL_HOST")
EMAIL_PORT = get_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = get_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = get_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = get_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = get_str("DEFAULT_FROM_EMAIL", "SAM Kennisplatform <noreply@example.org>")
# Reply by e-mail: the mailbox that replies to notification mails go to (plus addressing:
# forum+<token>@...). Empty: notification mails carry no reply address.
REPLY_BY_MAIL_ADDRESS = get_str("REPLY_BY_MAIL_ADDRESS")
# Where `manage.py fetch_mail_replies` reads that mailbox (IMAP over TLS unless IMAP_SSL=false).
IMAP_HOST = get_str("IMAP_HOST")
IMAP_PORT = get_int("IMAP_PORT", 993)
IMAP_USER = get_str("IMAP_USER")
IMAP_PASSWORD = get_str("IMAP_PASSWORD")
IMAP_SSL = get_bool("IMAP_SSL", default=True)
IMAP_FOLDER = get_str("IMAP_FOLDER", "INBOX")

# Behind a TLS-terminating proxy (docker-compose, Kubernetes ingress) the proxy
# tells us the original scheme; only trust that header when told to.
BEHIND_PROXY = get_bool("BEHIND_PROXY", default=False)
# The proxy serves private files itself once a view has checked access (X-Accel-Redirect
# to its internal location /_private/ that maps to PRIVATE_MEDIA_ROOT).
PRIVATE_FILES_VIA_PROXY = get_bool("PRIVATE_FILES_VIA_PROXY", default=False)
# How many proxies you run in front of the site (the compose stack: 1). allauth takes the
# client's address from that many hops back in X-Forwarded-For, so its per-address rate
# limits count clients, not the proxy. 0: X-Forwarded-For is ignored (nothing in front).
TRUSTED_PROXY_COUNT = get_int("TRUSTED_PROXY_COUNT", 0)

SEARCH_BACKENDS = {"database", "elasticsearch"}
if SEARCH_BACKEND not in SEARCH_BACKENDS:
    raise ImproperlyConfigured(
        f"SEARCH_BACKEND must be one of {sorted(SEARCH_BACKENDS)}, not {SEARCH_BACKEND!r}."
    )
if SEARCH_BACKEND == "elasticsearch" and not ELASTICSEARCH_URL:
    raise ImproperlyConfigured("SEARCH_BACKEND=elasticsearch needs ELASTICSEARCH_URL.")
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXY_COUNT must be 0 or more, not {TRUSTED_PROXY_COUNT}.")
