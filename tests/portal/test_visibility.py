"""Pages and their files follow one visibility rule (audit findings 3, 4, 5 and 6)."""

import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command

import pytest
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from knowledge.demo import build_pdf
from knowledge.models import ActivityMaterial, ProductDownload
from search.models import IndexedDocument
from tests.accounts.factories import MemberFactory, StaffFactory
from tests.knowledge import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tree(site_tree):
    return site_tree


def _restrict(page, kind=PageViewRestriction.LOGIN, groups=(), **fields):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, **fields)
    if groups:
        restriction.groups.set(groups)
    return restriction


def _document(title="Verslag werkgroep Gent", text="Afspraken over de trajecten"):
    document = get_document_model()(title=title)
    document.file.save("verslag.pdf", ContentFile(build_pdf([title, text])), save=False)
    document.save()
    return document


def _download(page, document):
    ProductDownload.objects.create(product=page, document=document)
    page.save_revision().publish()


def _indexed_document(document):
    return IndexedDocument.objects.filter(key=f"knowledge.document:{document.pk}").first()


# Finding 3: files of private pages ---------------------------------------------------------


def test_a_file_of_a_login_restricted_page_is_not_downloadable_by_visitors(
    client, django_capture_on_commit_callbacks
):
    page = factories.product()
    document = _document()
    with django_capture_on_commit_callbacks(execute=True):
        _restrict(page)
        _download(page, document)
    response = client.get(document.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(MemberFactory())
    assert client.get(document.url).status_code == 200


def test_a_file_of_a_group_page_is_only_for_that_group(client, django_capture_on_commit_callbacks):
    group = Group.objects.create(name="Regio Gent")
    page = factories.product()
    document = _document()
    with django_capture_on_commit_callbacks(execute=True):
        _restrict(page, PageViewRestriction.GROUPS, groups=[group])
        _download(page, document)
    client.force_login(MemberFactory())
    assert client.get(document.url).status_code == 404
    client.force_login(MemberFactory(group="Regio Gent"))
    assert client.get(document.url).status_code == 200


def test_a_file_of_a_password_page_is_not_downloadable(client, django_capture_on_commit_callbacks):
    page = factories.product()
    document = _document()
    with django_capture_on_commit_callbacks(execute=True):
        _restrict(page, PageViewRestriction.PASSWORD, password="geheim")
        _download(page, document)
    client.force_login(MemberFactory())
    assert client.get(document.url).status_code == 404


def test_a_file_used_by_a_public_and_a_members_page_is_for_members(
    client, django_capture_on_commit_callbacks
):
    public, members = factories.product(), factories.product(members_only=True)
    document = _document()
    with django_capture_on_commit_callbacks(execute=True):
        _download(public, document)
        _download(members, document)
    assert client.get(document.url).status_code == 302
    assert _indexed_document(document).audience == "members"


def test_a_file_used_only_by_a_draft_is_for_staff_only(client, django_capture_on_commit_callbacks):
    draft = factories.product(live=False)
    document = _document()
    ProductDownload.objects.create(product=draft, document=document)
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision()
        draft.save()
    assert client.get(document.url).status_code == 302
    client.force_login(MemberFactory())
    assert client.get(document.url).status_code == 404
    client.force_login(StaffFactory())
    assert client.get(document.url).status_code == 200


def test_a_file_used_by_nothing_is_for_staff_only(client):
    document = _document()
    client.force_login(MemberFactory())
    assert client.get(document.url).status_code == 404
    client.force_login(StaffFactory())
    assert client.get(document.url).status_code == 200


def test_search_never_shows_a_private_pages_file_or_title_to_visitors(
    client, django_capture_on_commit_callbacks
):
    page = factories.product(title="Geheim werkgroepverslag")
    with django_capture_on_commit_callbacks(execute=True):
        document = _document(title="Bijlage werkgroep", text="zeldzaamwoord in de bijlage")
        _restrict(page)
        _download(page, document)
    for query in ("zeldzaamwoord", "werkgroepverslag", "bijlage"):
        body = client.get("/api/v1/search/", {"q": query}).content.decode()
        assert "Geheim werkgroepverslag" not in body and "Bijlage werkgroep" not in body
    suggestions = client.get("/api/v1/search/autocomplete/", {"q": "zeldz"}).content.decode()
    assert "zeldzaamwoord" not in suggestions
    client.force_login(MemberFactory())
    found = client.get("/api/v1/search/", {"q": "zeldzaamwoord"}).json()
    assert found["total"] == 1


# Finding 4: lists and feeds ----------------------------------------------------------------


def test_lists_and_home_hide_login_restricted_pages_from_visitors(client):
    page = factories.product(title="Besloten handleiding")
    activity = factories.activity(title="Besloten intervisie")
    _restrict(page)
    _restrict(activity)
    for url in ("/", "/kennisbank/", "/leeractiviteiten/"):
        assert "Besloten" not in client.get(url).content.decode(), url
    client.force_login(MemberFactory())
    assert "Besloten handleiding" in client.get("/kennisbank/").content.decode()
    assert "Besloten intervisie" in client.get("/leeractiviteiten/").content.decode()


def test_the_calendar_feed_leaves_out_activities_the_reader_may_not_see(client):
    staff_only = Group.objects.get(name="SAM-medewerkers")
    activity = factories.activity(title="Teamdag SAM", location="Lokaal 3.14, Brussel")
    _restrict(activity, PageViewRestriction.GROUPS, groups=[staff_only])
    feed = client.get("/leeractiviteiten/agenda/").content.decode()
    assert "Teamdag SAM" not in feed and "Lokaal 3.14" not in feed
    assert client.get(activity.url + "agenda/").status_code == 302
    client.force_login(MemberFactory())
    assert "Teamdag SAM" not in client.get("/leeractiviteiten/agenda/").content.decode()
    client.force_login(StaffFactory())
    assert "Teamdag SAM" in client.get("/leeractiviteiten/agenda/").content.decode()


def test_related_content_leaves_out_pages_the_reader_may_not_see(client):
    theme = factories.theme("werk")
    shown = factories.product(title="Open zuster", themes=[theme])
    hidden = factories.product(title="Besloten zuster", themes=[theme])
    _restrict(hidden)
    html = client.get(shown.url).content.decode()
    page = factories.product(title="Hoofdproduct", themes=[theme])
    html = client.get(page.url).content.decode()
    assert "Open zuster" in html and "Besloten zuster" not in html


def test_an_expired_page_is_gone_from_lists_and_its_address(client):
    page = factories.product(
        title="Verlopen gids", expire_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    assert "Verlopen gids" not in client.get("/kennisbank/").content.decode()
    assert client.get(page.url).status_code == 404


def test_the_sitemap_lists_public_pages_only(client):
    factories.product(title="Open gids", slug="open-gids")
    hidden = factories.product(title="Besloten gids", slug="besloten-gids")
    _restrict(hidden)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/kennisbank/open-gids/" in sitemap and "besloten-gids" not in sitemap


# Finding 5: search follows privacy changes after the groups are saved ----------------------


def test_narrowing_a_page_to_one_group_narrows_its_search_audience(
    django_capture_on_commit_callbacks,
):
    page = factories.product()
    document = _document()
    with django_capture_on_commit_callbacks(execute=True):
        _download(page, document)
    members = Group.objects.get(name="Leden")
    staff = Group.objects.get(name="SAM-medewerkers")
    with django_capture_on_commit_callbacks(execute=True):
        # As the admin does it: the restriction first, its groups after.
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([members])
    product_doc = IndexedDocument.objects.get(key=f"knowledge.product:{page.pk}")
    assert product_doc.audience == f"group:{members.pk}"
    assert _indexed_document(document).audience == f"group:{members.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        restriction.groups.set([staff])
    product_doc = IndexedDocument.objects.get(key=f"knowledge.product:{page.pk}")
    assert product_doc.audience == f"group:{staff.pk}"
    assert _indexed_document(document).audience == f"group:{staff.pk}"


def test_materials_of_a_group_activity_are_found_by_that_group_only(
    django_capture_on_commit_callbacks,
):
    group = Group.objects.create(name="Lerend netwerk Limburg")
    activity = factories.activity(starts_in=datetime.timedelta(days=-3))
    document = _document(title="Slides lerend netwerk")
    with django_capture_on_commit_callbacks(execute=True):
        ActivityMaterial.objects.create(activity=activity, title="Slides", document=document)
        activity.save_revision().publish()
        _restrict(activity, PageViewRestriction.GROUPS, groups=[group])
    assert _indexed_document(document).audience == f"group:{group.pk}"


# Finding 6: private files live outside the public media folder -----------------------------


def test_documents_are_stored_outside_the_public_media_folder():
    document = _document()
    path = Path(document.file.path).resolve()
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())


def test_files_left_under_media_move_to_the_private_store(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    old_document = tmp_path / "media" / "documents" / "verslag.pdf"
    rendition = tmp_path / "media" / "images" / "foto.width-400.jpg"
    for path in (old_document, rendition):
        path.parent.mkdir(parents=True)
        path.write_bytes(b"inhoud")
    call_command("move_private_files")
    assert not old_document.exists()
    assert (tmp_path / "private" / "documents" / "verslag.pdf").read_bytes() == b"inhoud"
    assert rendition.exists()
    call_command("move_private_files")  # a second run finds nothing and changes nothing
    assert (tmp_path / "private" / "documents" / "verslag.pdf").exists()
