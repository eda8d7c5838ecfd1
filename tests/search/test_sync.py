"""The index follows the content: publish, edit, unpublish, privacy, move, delete."""

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

import pytest
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from knowledge.demo import build_pdf
from knowledge.models import KnowledgeIndexPage, KnowledgeProductPage, ProductDownload
from search.models import IndexedDocument, IndexedTerm
from tests.knowledge import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tree(site_tree):
    return site_tree


def _draft(title="Gids over jobcoaching", **fields) -> KnowledgeProductPage:
    page = KnowledgeProductPage(
        title=title, slug=fields.pop("slug", "gids"), summary="Samenvatting.", live=False, **fields
    )
    KnowledgeIndexPage.objects.get().add_child(instance=page)
    return page


def _publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()


def _indexed(page) -> IndexedDocument | None:
    return IndexedDocument.objects.filter(key=f"knowledge.product:{page.pk}").first()


def test_a_draft_is_not_indexed_and_publishing_indexes_it(django_capture_on_commit_callbacks):
    page = _draft()
    assert _indexed(page) is None
    _publish(page, django_capture_on_commit_callbacks)
    indexed = _indexed(page)
    assert indexed.title == "Gids over jobcoaching"
    assert indexed.url == "/kennisbank/gids/" and indexed.audience == "public"


def test_nothing_is_indexed_before_the_transaction_commits(django_capture_on_commit_callbacks):
    page = _draft()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.save_revision().publish()
    assert _indexed(page) is None and callbacks


def test_publishing_an_edit_updates_the_document(django_capture_on_commit_callbacks):
    page = _draft()
    _publish(page, django_capture_on_commit_callbacks)
    page.title = "Gids over IPS"
    _publish(page, django_capture_on_commit_callbacks)
    assert _indexed(page).title == "Gids over IPS"
    assert IndexedDocument.objects.filter(source=f"knowledge.product:{page.pk}").count() == 1


def test_unpublishing_removes_the_document(django_capture_on_commit_callbacks):
    page = _draft()
    _publish(page, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert _indexed(page) is None


def test_deleting_removes_the_document(django_capture_on_commit_callbacks):
    page = _draft()
    _publish(page, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert not IndexedDocument.objects.filter(kind="product").exists()


def test_members_only_switch_changes_the_audience(django_capture_on_commit_callbacks):
    page = _draft()
    _publish(page, django_capture_on_commit_callbacks)
    page.members_only = True
    _publish(page, django_capture_on_commit_callbacks)
    assert _indexed(page).audience == "members"


def test_wagtail_privacy_settings_narrow_the_audience(django_capture_on_commit_callbacks):
    page = _draft()
    _publish(page, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.LOGIN
        )
    assert _indexed(page).audience == "members"
    group = Group.objects.create(name="Regio Gent")
    with django_capture_on_commit_callbacks(execute=True):
        restriction.restriction_type = PageViewRestriction.GROUPS
        restriction.save()
        restriction.groups.set([group])
        restriction.save()
    assert _indexed(page).audience == f"group:{group.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        restriction.restriction_type = PageViewRestriction.PASSWORD
        restriction.password = "geheim"
        restriction.save()
    assert _indexed(page) is None
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert _indexed(page).audience == "public"


def test_moving_a_page_updates_its_address(django_capture_on_commit_callbacks):
    page = _draft()
    _publish(page, django_capture_on_commit_callbacks)
    new_parent = KnowledgeIndexPage(title="Archief", slug="archief", intro="Oudere gidsen.")
    KnowledgeIndexPage.objects.get().get_parent().add_child(instance=new_parent)
    with django_capture_on_commit_callbacks(execute=True):
        page.move(new_parent, pos="last-child")
    assert _indexed(page).url == "/archief/gids/"


def test_a_file_is_indexed_with_its_text_and_follows_its_product(
    django_capture_on_commit_callbacks,
):
    Document = get_document_model()
    document = Document(title="Stappenplan")
    pdf = build_pdf(["Stappenplan", "Het zeldzame woord jobcoachingsplan staat hierin."])
    document.file.save("stappenplan.pdf", ContentFile(pdf), save=False)
    document._set_document_file_metadata()
    with django_capture_on_commit_callbacks(execute=True):
        document.save()
    # Not used by any published page yet: not findable.
    assert not IndexedDocument.objects.filter(kind="document").exists()

    page = _draft(members_only=True)
    ProductDownload.objects.create(product=page, document=document)
    _publish(page, django_capture_on_commit_callbacks)
    indexed = IndexedDocument.objects.get(kind="document")
    assert "jobcoachingsplan" in indexed.body
    assert indexed.audience == "members" and indexed.parent_title == page.title

    page.members_only = False
    _publish(page, django_capture_on_commit_callbacks)
    assert IndexedDocument.objects.get(kind="document").audience == "public"


def test_rebuild_indexes_everything_in_batches(capsys):
    for number in range(5):
        factories.product(title=f"Gids {number}")
    factories.activity(title="Vorming")
    IndexedDocument.objects.all().delete()
    from django.core.management import call_command

    call_command("rebuild_search_index", "--batch-size", "2")
    output = capsys.readouterr().out
    assert IndexedDocument.objects.filter(kind="product").count() == 5
    assert IndexedDocument.objects.filter(kind="activity").count() == 1
    assert "5/5" in output and "documents in" in output
    # The vocabulary is counted once per document, also when rebuilding again.
    call_command("rebuild_search_index")
    assert IndexedTerm.objects.get(term="gids", audience="public").document_count == 5


def test_indexing_runs_in_background_tasks_and_elasticsearch_in_one_of_its_own(
    settings, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    from search import engines, tasks

    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens: only the task may call
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    engines._elasticsearch_backend.cache_clear()
    page = _draft()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    # Publishing queues the indexing; nothing is indexed in the request itself ...
    assert _indexed(page) is None
    queued = [r for r in default_task_backend.results if r.task == tasks.index_object]
    assert queued
    for result in queued:
        result.task.call(*result.args)
    # ... the worker writes the database index, and hands Elasticsearch to a task of its own.
    assert _indexed(page) is not None
    queued = [r for r in default_task_backend.results if r.task == tasks.copy_to_elasticsearch]
    assert queued and queued[0].args == [[f"knowledge.product:{page.pk}"]]


def test_a_document_replaced_while_searching_is_left_out_not_a_500(monkeypatch):
    """The ranking and the reading of the hits are two statements: a concurrent re-index
    (another request, a task worker) may replace a document in between."""
    from search.backends.base import Filters
    from search.backends.database import database_backend
    from search.documents import PUBLIC
    from search.models import IndexedDocument
    from search.query import parse

    from .helpers import doc, store

    backend = database_backend()
    store(backend, doc("a", "Jobcoaching op de werkvloer"), doc("b", "Jobcoaching na ziekte"))
    gone = IndexedDocument.objects.get(key="test:a").pk
    in_bulk = type(IndexedDocument.objects).in_bulk

    def replaced_meanwhile(self, ids=None, **kwargs):
        found = in_bulk(self, ids, **kwargs)
        found.pop(gone, None)
        return found

    monkeypatch.setattr(type(IndexedDocument.objects), "in_bulk", replaced_meanwhile)
    results = backend.search(parse("jobcoaching"), audiences=[PUBLIC], filters=Filters())
    assert [hit.key for hit in results.hits] == ["test:b"]
