"""Bottlenecks in the search: anonymous documents, audiences per role, never for visitors."""

import pytest

from search.indexing import index_now
from tracker import search_documents
from tracker.models import Bottleneck

from . import factories

pytestmark = pytest.mark.django_db


def _found(client, word):
    response = client.get("/api/v1/search/", {"q": word})
    return [hit["url"] for hit in response.json()["hits"]]


@pytest.fixture
def indexed(reporter):
    accepted = factories.bottleneck(reporter, title="Zoekwoord floppertaks aanvaard", index=True)
    new = factories.bottleneck(
        reporter, accepted=False, title="Zoekwoord floppertaks nieuw", index=True
    )
    return accepted, new


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("member", {"accepted"}),
        ("reporter", {"accepted"}),
        ("policy_worker", {"accepted", "new"}),
        ("staff", {"accepted", "new"}),
    ],
)
def test_audiences_per_role(client, request, indexed, role, expected):
    client.force_login(request.getfixturevalue(role))
    titles = set(_found(client, "floppertaks"))
    names = {"accepted": indexed[0].get_absolute_url(), "new": indexed[1].get_absolute_url()}
    assert titles == {names[key] for key in expected}


def test_visitors_never_find_a_bottleneck(client, indexed):
    assert _found(client, "floppertaks") == []


def test_the_document_names_no_one(indexed):
    bottleneck = indexed[0]
    (document,) = search_documents.bottleneck_documents(bottleneck)
    reporter = bottleneck.reporter
    text = " ".join([document.title, document.summary, document.body])
    assert reporter.last_name not in text and reporter.email not in text


def test_a_merged_bottleneck_leaves_the_search(client, staff, indexed):
    accepted, new = indexed
    Bottleneck.objects.filter(pk=new.pk).update(merged_into=accepted)
    index_now([Bottleneck.objects.get(pk=new.pk)])
    client.force_login(staff)
    assert _found(client, "floppertaks") == [accepted.get_absolute_url()]


def test_accepting_opens_the_document_to_members(client, member, staff, indexed):
    from tracker import actions

    new = indexed[1]
    actions.change_status(new, "in-behandeling", staff, "Aanvaard.")
    index_now([Bottleneck.objects.get(pk=new.pk)])
    client.force_login(member)
    assert new.get_absolute_url() in _found(client, "floppertaks")
