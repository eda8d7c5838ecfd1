"""The benchmark command keeps working. It is run, not timed: timings belong in bench/."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_bench_prints_a_table_and_checks_query_counts():
    # On SQLite always: the command is what is tested here, not the database server.
    scrub = {"DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
    env = {k: v for k, v in os.environ.items() if k not in scrub}
    result = subprocess.run(
        [sys.executable, "bench/run.py", "--sizes", "1", "5", "--requests", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    table = [line for line in result.stdout.splitlines() if line.startswith("| home, visitor")]
    assert len(table) == 2
    assert "FAIL" not in result.stdout


@pytest.mark.django_db
def test_forum_generator_and_one_measurement():
    """bench/forum.py's generator and measuring, on tiny numbers (the command itself is slow)."""
    from django.test import Client

    from bench.forum import Plan, populate, query_count_failures, timed_get

    plan = Plan(topics=4, long_posts=25, read=2)
    made = populate(plan, index=False)
    assert made["long"].posts.count() == 25 and made["short"].post_count == 10
    member = Client()
    member.force_login(made["member"])
    url = made["long"].get_absolute_url()
    rows = [
        timed_get(member, label, path, requests=2, warmup=1, kind="topic", topics=4)
        for label, path in (("page 1", url), ("page 2", f"{url}?pagina=2"))
    ]
    assert all(row["queries"] > 0 and row["p95_ms"] > 0 for row in rows)
    assert query_count_failures(rows) == []
