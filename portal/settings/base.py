"""Settings shared by every environment. Values from the environment come from env.py."""

import dj_database_url
from csp.constants import NONE, SELF

from . import env

BASE_DIR = env.BASE_DIR
PROJECT_DIR = BASE_DIR / "portal"

SECRET_KEY = env.SECRET_KEY
DEBUG = env.DEBUG
ALLOWED_HOSTS = env.ALLOWED_HOSTS
CSRF_TRUSTED_ORIGINS = env.CSRF_TRUSTED_ORIGINS

INSTALLED_APPS = [
    "portal",
    "accounts",
    "search",
    "knowledge",
    "podcasts",
    "community",
    "notifications",
    "tracker",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
]

MIDDLEWARE = [
    # Outermost, so it compresses the final body; off unless GZIP_RESPONSES (below).
    "portal.compression.TextGZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.middleware.AdminBadIdMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "portal.context_processors.site",
                "accounts.context_processors.membership",
                "notifications.context_processors.unread",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {"default": dj_database_url.parse(env.DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a background task writes.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's backends, whose permissions count for members only (accounts.access).
AUTHENTICATION_BACKENDS = [
    "accounts.backends.MemberModelBackend",
    "accounts.backends.MemberAuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
# Every login goes through allauth's form (approval, verification, rate limits).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"

# allauth: log in and register with an email address, which must be verified.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# allauth names people by username in its messages; ours are generated, so use the name.
ACCOUNT_USER_DISPLAY = "accounts.models.user_display"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[SAM Kennisplatform] "
# ACCOUNT_RATE_LIMITS is left at allauth's defaults on purpose: they throttle
# failed logins, signups and password resets.

LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", "Nederlands (België)")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.STATIC_ROOT
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_ROOT = env.MEDIA_ROOT
MEDIA_URL = "/media/"
PRIVATE_MEDIA_ROOT = env.PRIVATE_MEDIA_ROOT


def storages(private_root: str, public_root: str, staticfiles_backend: str) -> dict:
    """Every upload goes to the private store by default; only image renditions are public."""
    return {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            # base_url: a private file has no public address; views serve it.
            "OPTIONS": {"location": private_root, "base_url": "/_private/"},
        },
        "public": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": public_root, "base_url": MEDIA_URL},
        },
        "staticfiles": {"BACKEND": staticfiles_backend},
    }


STORAGES = storages(
    PRIVATE_MEDIA_ROOT, MEDIA_ROOT, "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Renditions are what pages show; the original uploads stay private.
WAGTAILIMAGES_RENDITION_STORAGE = "public"
# Documents always pass through Wagtail's serve view, where the access check runs.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Private files: streamed by Django here (Wagtail's streaming backend when SENDFILE_BACKEND
# is unset), handed to the proxy in production (production.py).
PRIVATE_FILES_VIA_PROXY = env.PRIVATE_FILES_VIA_PROXY
SENDFILE_ROOT = PRIVATE_MEDIA_ROOT
SENDFILE_URL = "/_private"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

EMAIL_HOST = env.EMAIL_HOST
EMAIL_PORT = env.EMAIL_PORT
EMAIL_HOST_USER = env.EMAIL_HOST_USER
EMAIL_HOST_PASSWORD = env.EMAIL_HOST_PASSWORD
EMAIL_USE_TLS = env.EMAIL_USE_TLS
DEFAULT_FROM_EMAIL = env.DEFAULT_FROM_EMAIL
SERVER_EMAIL = env.DEFAULT_FROM_EMAIL
REPLY_BY_MAIL_ADDRESS = env.REPLY_BY_MAIL_ADDRESS
IMAP_HOST = env.IMAP_HOST
IMAP_PORT = env.IMAP_PORT
IMAP_USER = env.IMAP_USER
IMAP_PASSWORD = env.IMAP_PASSWORD
IMAP_SSL = env.IMAP_SSL
IMAP_FOLDER = env.IMAP_FOLDER

# One process in development; production shares a database cache between instances.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Search
SEARCH_BACKEND = env.SEARCH_BACKEND
ELASTICSEARCH_URL = env.ELASTICSEARCH_URL
ELASTICSEARCH_INDEX = env.ELASTICSEARCH_INDEX
# Wagtail's own index serves the admin search; the site's search lives in search/.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Wagtail
WAGTAIL_SITE_NAME = "SAM Kennisplatform"
WAGTAILADMIN_BASE_URL = env.SITE_URL
SITE_URL = env.SITE_URL
# Compress text responses in Django (portal.compression): on unless a proxy does it.
GZIP_RESPONSES = env.get_bool("GZIP_RESPONSES", default=True)
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl-be", "Nederlands")]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.images.ImageForm"  # refuses damaged images
# Password resets go through allauth (throttled); the admin links there.
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Avatars from gravatar.com would tell a third party who uses the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# The public site runs with a strict policy: no inline scripts, nothing from
# other hosts. portal.middleware loosens styles only for the Wagtail admin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "media-src": [SELF, "blob:"],
        "connect-src": [SELF],
        "frame-src": [SELF, "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Demo content (fixed, well-known passwords) may only be loaded where this is True.
DEMO_CONTENT_ALLOWED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.security.DisallowedHost": {"handlers": ["console"], "level": "WARNING"},
    },
}

# The client's address behind proxies: allauth's rate limits (login, signup, password reset)
# read it from X-Forwarded-For, counting TRUSTED_PROXY_COUNT hops back. Nothing else in the
# project uses REMOTE_ADDR (which stays the proxy's address).
ALLAUTH_TRUSTED_PROXY_COUNT = env.TRUSTED_PROXY_COUNT
