"""Production: everything from the environment, HTTPS only, no debug, no demo content."""

from django.core.exceptions import ImproperlyConfigured

from . import env
from .base import *  # noqa: F403

DEBUG = False

if not env.SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production refuses to start without a secret key: "
        "set SECRET_KEY to a long random value (50+ characters)."
    )
# The rule of Django's check security.W009, enforced here: a key of one repeated
# character passes a length check alone.
if env.SECRET_KEY.startswith("django-insecure-"):
    raise ImproperlyConfigured(
        "SECRET_KEY is Django's insecure development key: generate a new random one."
    )
if len(env.SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY is too short: use at least 50 random characters.")
if len(set(env.SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "SECRET_KEY is not random enough: it has fewer than 5 different characters."
    )
SECRET_KEY = env.SECRET_KEY

if not env.ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is not set: list the host names the site answers to.")
ALLOWED_HOSTS = env.ALLOWED_HOSTS
CSRF_TRUSTED_ORIGINS = env.CSRF_TRUSTED_ORIGINS or [f"https://{host}" for host in ALLOWED_HOSTS]

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
if env.BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
# The health check is polled over plain HTTP by the orchestrator.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]

# Wagtail's live preview shows the page in a same-origin frame, so frames stay
# SAMEORIGIN (base.py) instead of DENY; CSP frame-ancestors 'self' says the same.
SILENCED_SYSTEM_CHECKS = ["security.W019"]

STORAGES = storages(  # noqa: F405
    env.PRIVATE_MEDIA_ROOT,
    env.MEDIA_ROOT,
    "whitenoise.storage.CompressedManifestStaticFilesStorage",
)
if env.PRIVATE_FILES_VIA_PROXY:
    # The view checks access, nginx sends the bytes (ranges, slow clients).
    SENDFILE_BACKEND = "django_sendfile.backends.nginx"
# Shared by every web instance (rate limits, sessions' throttles, Wagtail's caches);
# the entry point creates the table with `createcachetable`.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
    }
}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# The compose proxy (docker/nginx/nginx.conf) gzips every text response; without such a
# proxy in front, set GZIP_RESPONSES=true.
GZIP_RESPONSES = env.get_bool("GZIP_RESPONSES", default=False)
DEMO_CONTENT_ALLOWED = False
