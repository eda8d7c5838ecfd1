"""Settings for the test suite: fast hashing, in-memory cache and mail, tasks run at once."""

import tempfile

from . import env
from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = env.get_str("TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="portal-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-private-")
SENDFILE_ROOT = PRIVATE_MEDIA_ROOT
STATIC_ROOT = tempfile.mkdtemp(prefix="portal-test-static-")
STORAGES = storages(  # noqa: F405
    PRIVATE_MEDIA_ROOT, MEDIA_ROOT, "django.contrib.staticfiles.storage.StaticFilesStorage"
)
