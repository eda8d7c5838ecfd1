#!/usr/bin/env python
"""The podcast at scale: the RSS feed with 500 episodes, and a range request into a 100 MB file.

Usage: .venv/bin/python bench/podcast.py [--episodes 500] [--requests 200] [--megabytes 100]
Runs on a fresh database (see bench/run.py; DATABASE_URL selects PostgreSQL) with the demo
content plus generated episodes (bench/generate.py). Requests go through Django's test client
(server time inside the process, no network).
"""

import argparse
import io
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import drop_database, fresh_database, setup_django  # noqa: E402
from bench.search import _memory_kib, _reset_peak, p95  # noqa: E402

FEED = "/podcast/sterk-werk/feed/"


def _timed(client, path, repeat, *, before=None, **headers) -> list[float]:
    timings = []
    for _ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        response = client.get(path, **headers)
        if response.streaming:
            for _chunk in response.streaming_content:
                pass
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code in (200, 206), (path, response.status_code)
    return timings


def feed(client, repeat: int) -> dict:
    from django.core.cache import cache

    import feedparser

    # The generated episodes were added without publishing, so no signal emptied the cache.
    cache.clear()
    first = client.get(FEED)
    assert first.status_code == 200
    items = len(feedparser.parse(first.content).entries)
    cached = _timed(client, FEED, repeat)
    uncached = _timed(client, FEED, max(10, repeat // 10), before=cache.clear)
    # Publishing an episode empties the cache: the next request carries it.
    from podcasts.models import EpisodePage

    episode = EpisodePage.objects.live().filter(slug="bench-episode-0").get()
    episode.title = "Net gepubliceerd"
    episode.save_revision().publish()
    refreshed = "Net gepubliceerd" in client.get(FEED).content.decode()
    return {
        "items": items,
        "bytes": len(first.content),
        "cached": cached,
        "uncached": uncached,
        "refreshed": refreshed,
    }


def big_file(megabytes: int):
    """A real file of that size in media storage, behind the first bench episode."""
    from django.core.files.storage import default_storage

    from podcasts.models import EpisodePage

    name = default_storage.get_available_name("podcast/audio/bench-100mb.mp3")
    path = Path(default_storage.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    block = bytes(range(256)) * 4096  # 1 MiB
    with path.open("wb") as handle:
        for _ in range(megabytes):
            handle.write(block)
    episode = EpisodePage.objects.live().filter(slug="bench-episode-1").get()
    EpisodePage.objects.filter(pk=episode.pk).update(
        audio_file=name, audio_size=path.stat().st_size
    )
    return episode, path


def ranges(client, megabytes: int, repeat: int) -> list[tuple]:
    episode, path = big_file(megabytes)
    url = episode.audio_url()
    size = path.stat().st_size
    rows = []
    cases = [
        ("last 64 KiB", {"HTTP_RANGE": "bytes=-65536"}, 65536),
        ("Apple probe bytes=0-1", {"HTTP_RANGE": "bytes=0-1"}, 2),
        ("middle 1 MiB", {"HTTP_RANGE": f"bytes={size // 2}-{size // 2 + 1048575}"}, 1048576),
        ("whole file, streamed", {}, size),
    ]
    for label, headers, expected in cases:
        response = client.get(url, **headers)
        received = sum(len(chunk) for chunk in response.streaming_content)
        assert received == expected, (label, received, expected)
        timings = _timed(client, url, repeat if expected < size else 3, **headers)
        peak_known = _reset_peak()
        before = _memory_kib("VmRSS")
        tracemalloc.start()
        _timed(client, url, 1, **headers)
        _, traced = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        growth = (_memory_kib("VmHWM") - before) / 1024 if peak_known else float("nan")
        rows.append(
            (label, response.status_code, received, statistics.median(timings), p95(timings),
             traced / 1024, growth)
        )  # fmt: skip
    path.unlink()
    return rows


def profile_build() -> None:
    """Where an uncached feed build spends its time (--profile)."""
    import cProfile
    import pstats

    from podcasts import feed as podcast_feed
    from podcasts.models import PodcastShowPage

    show = PodcastShowPage.objects.get(slug="sterk-werk")
    podcast_feed.build(show)
    profiler = cProfile.Profile()
    profiler.enable()
    podcast_feed.build(show)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=500)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--megabytes", type=int, default=100)
    parser.add_argument("--profile", action="store_true", help="profile one feed build")
    args = parser.parse_args()
    setup_django()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from bench.generate import podcast_episodes

    original_name = settings.DATABASES["default"]["NAME"]
    fresh_database()
    try:
        call_command("load_demo", stdout=io.StringIO())
        podcast_episodes(args.episodes)
        if args.profile:
            profile_build()
            return 0
        client = Client()
        feed_figures = feed(client, args.requests)
        range_rows = ranges(client, args.megabytes, args.requests)
    finally:
        drop_database(original_name)

    print(f"database: {connection.vendor}")
    print()
    print(
        f"Feed with {feed_figures['items']} episodes ({feed_figures['bytes'] / 1024:.0f} KiB); "
        f"refreshed after a publish: {'yes' if feed_figures['refreshed'] else 'NO'}"
    )
    print()
    print("| feed | requests | median ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for label in ("cached", "uncached"):
        times = feed_figures[label]
        print(f"| {label} | {len(times)} | {statistics.median(times):.1f} | {p95(times):.1f} |")
    print()
    print(f"Range requests into a {args.megabytes} MiB file:")
    print()
    print(
        "| request | status | bytes | median ms | p95 ms | Python peak KiB | RSS peak growth MiB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, status, received, median, high, traced, growth in range_rows:
        print(
            f"| {label} | {status} | {received} | {median:.2f} | {high:.2f} | {traced:.0f} | "
            f"{growth:.1f} |"
        )
    complete = feed_figures["items"] > args.episodes
    return 0 if feed_figures["refreshed"] and complete else 1


if __name__ == "__main__":
    sys.exit(main())
