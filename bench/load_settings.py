"""Settings for bench/forum_load.py's servers: the development settings with the production
task queue (django-tasks' database backend, run by `manage.py db_worker` processes), so that
indexing and other background work leave the request as they do in production."""

from portal.settings.base import TASKS as QUEUED_TASKS
from portal.settings.dev import *  # noqa: F403

TASKS = QUEUED_TASKS
