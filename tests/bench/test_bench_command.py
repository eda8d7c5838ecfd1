"""The benchmark command keeps working. It is run, not timed: timings belong in bench/."""

import os
import subprocess
import sys
from pathlib import Path

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
