"""The scheduler's round: every job exists, and one failing job does not stop the others."""

import io

from django.core.management import call_command, get_commands
from django.core.management.base import CommandError

import pytest

from portal.management.commands import run_scheduled_jobs


def test_every_scheduled_job_is_a_command():
    assert set(run_scheduled_jobs.JOBS) <= set(get_commands())


@pytest.mark.django_db
def test_a_failing_job_is_reported_and_the_next_ones_still_run(monkeypatch):
    monkeypatch.setattr(run_scheduled_jobs, "JOBS", ("no_such_job", "send_review_reminders"))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="no_such_job"):
        call_command("run_scheduled_jobs", stdout=out, stderr=err)
    assert "no_such_job failed" in err.getvalue()
    assert "reminder(s) enqueued" in out.getvalue()
