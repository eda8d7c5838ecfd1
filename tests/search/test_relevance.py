"""The ranking on the relevance set stays above its floor, on the database under test."""

import io

from django.core.management import call_command

import pytest

from search import evaluation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())


def test_relevance_set_is_large_and_varied_enough():
    queries = evaluation.load()
    assert len(queries) >= 150
    # Members' kinds are judged too: forum topics and bottlenecks.
    members = [
        q for q in queries if any(r.startswith(("forum:", "bottleneck:")) for r in q["relevant"])
    ]
    assert len(members) >= 15
    assert {
        "morphology",
        "synonym",
        "typo",
        "phrase",
        "cross-kind",
        "compound",
        "spelling",
        "question",
    } <= {q["kind"] for q in queries}
    assert len({q["q"] for q in queries}) == len(queries)
    assert all(q["relevant"] for q in queries)


def test_ndcg_and_mrr_stay_above_the_floor(demo):
    result = evaluation.evaluate()
    overall = result["overall"]
    worst = sorted(result["queries"], key=lambda q: q.get("nDCG@10", 0))[:5]
    detail = "; ".join(f"{q['q']}: {q.get('nDCG@10', 0):.2f} {q['ranking'][:3]}" for q in worst)
    assert overall["nDCG@10"] >= evaluation.FLOOR["nDCG@10"], detail
    assert overall["RR"] >= evaluation.FLOOR["RR"], detail
    first = result["queries"][: evaluation.FIRST_SET]
    for measure, floor in evaluation.FIRST_SET_FLOOR.items():
        assert sum(q.get(measure, 0) for q in first) / len(first) >= floor, detail


def test_the_command_prints_both_measures(demo):
    out = io.StringIO()
    call_command("evaluate_search", stdout=out)
    assert "nDCG@10" in out.getvalue() and "MRR" in out.getvalue()
