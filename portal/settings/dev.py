"""Local development: the quick start on SQLite, mail to the console."""

from . import env
from .base import *  # noqa: F403

DEBUG = env.get_bool("DEBUG", default=True)
# A fixed key is fine here: dev settings never serve real users.
SECRET_KEY = env.SECRET_KEY or "dev-only-insecure-key-not-for-production-use-0123456789abcdef"  # noqa: S105
ALLOWED_HOSTS = env.ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# No worker to run in development: background tasks (mail) run at once.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
