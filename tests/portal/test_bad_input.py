"""Absurd input from an audit: each answer is a normal page or a 4xx, never a 500."""

import io

import pytest

from tests.accounts.factories import UserFactory
from tests.podcasts.helpers import make_episode, make_show

pytestmark = pytest.mark.django_db

HUGE = "9" * 5000


@pytest.fixture
def episode(site_tree):
    return make_episode(make_show(site_tree))


@pytest.mark.parametrize(
    ("header", "status"),
    [(f"bytes={HUGE}-", 416), (f"bytes=0-{HUGE}", 206), (f"bytes={HUGE}-1", 200)],
)
def test_a_range_of_thousands_of_digits(client, episode, header, status):
    client.raise_request_exception = False
    assert client.get(episode.audio_url(), HTTP_RANGE=header).status_code == status


TOO_BIG = 2**63  # one past the largest id a database integer holds


@pytest.mark.parametrize(
    "url",
    [
        f"/podcast/aflevering/{TOO_BIG}/audio.mp3",
        f"/podcast/aflevering/{TOO_BIG}/hoofdstukken.json",
        f"/podcast/aflevering/{TOO_BIG}/transcript.vtt",
        f"/podcast/aflevering/{'9' * 5000}/audio.mp3",
    ],
)
def test_an_episode_id_too_big_for_the_database_is_not_found(client, site_tree, url):
    client.raise_request_exception = False
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        f"/admin/leeractiviteiten/{TOO_BIG}/deelnemers/",
        f"/admin/pages/{TOO_BIG}/",
        f"/admin/pages/{TOO_BIG}/edit/",
        f"/admin/images/{TOO_BIG}/",
        f"/admin/documents/edit/{TOO_BIG}/",
        f"/admin/users/{TOO_BIG}/",
    ],
)
def test_an_admin_id_too_big_for_the_database_is_not_found(client, site_tree, url):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    client.raise_request_exception = False
    assert client.get(url).status_code == 404


def test_a_registration_id_too_big_for_the_database_is_not_found(client, db):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    client.raise_request_exception = False
    url = f"/admin/registraties/{TOO_BIG}/beslissing/"
    assert client.post(url, {"decision": "approve"}).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"thema": "\x00"},
        {"thema": "werk\x00"},
        {"doelgroep": "\x00"},
        {"type": "\x00"},
        {"soort": "\x00"},
        {"sorteer": "az\x00"},
        {"wanneer": "\x00"},
        {"pagina": "\x00"},
    ],
)
@pytest.mark.parametrize("section", ["/kennisbank/", "/leeractiviteiten/"])
def test_a_nul_in_a_filter_of_a_listing_is_ignored(client, site_tree, section, params):
    from tests.knowledge import factories

    factories.product(themes=[factories.theme("werk")])
    factories.activity(themes=[factories.theme("werk")])
    client.raise_request_exception = False
    response = client.get(section, params)
    assert response.status_code == 200
    assert "%00" not in response.content.decode()


def _truncated_jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1400, 1400), (200, 80, 40)).save(buffer, "JPEG", quality=95)
    data = buffer.getvalue()
    return data[: len(data) // 3]  # the header is whole, the picture is cut off


def _superuser_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    client.raise_request_exception = False
    return client


def test_a_truncated_jpeg_is_refused_on_the_image_add_page(client, site_tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wagtail.images import get_image_model
    from wagtail.models import Collection

    client = _superuser_client(client)
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Kapot",
            "file": SimpleUploadedFile("kapot.jpg", _truncated_jpeg(), "image/jpeg"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert "afbeelding is beschadigd" in str(response.context["form"].errors["file"])
    assert not get_image_model().objects.filter(title="Kapot").exists()


def test_a_truncated_jpeg_is_refused_in_a_multiple_upload(client, site_tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wagtail.images import get_image_model

    client = _superuser_client(client)
    response = client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("kapot.jpg", _truncated_jpeg(), "image/jpeg")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False and "afbeelding is beschadigd" in data["error_message"]
    assert not get_image_model().objects.exists()


def test_a_truncated_jpeg_is_refused_in_the_chooser_upload(client, site_tree):
    # The upload tab of the image chooser, as on the podcast show's artwork field.
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wagtail.images import get_image_model
    from wagtail.models import Collection

    client = _superuser_client(client)
    response = client.post(
        "/admin/images/chooser/create/",
        {
            "image-chooser-upload-title": "Kapot",
            "image-chooser-upload-file": SimpleUploadedFile(
                "kapot.jpg", _truncated_jpeg(), "image/jpeg"
            ),
            "image-chooser-upload-collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert "afbeelding is beschadigd" in response.json()["htmlFragment"]
    assert not get_image_model().objects.filter(title="Kapot").exists()


# Admin addresses and parameters where a number is expected, given something else.
ADMIN_URLS = [
    "/admin/images/chooser/abc/select_format/",
    "/admin/images/chooser/chosen/abc/",
    "/admin/images/chooser/?p=abc",
    "/admin/images/chooser/?collection_id=abc",
    "/admin/images/chooser/results/?collection_id=abc&p=abc",
    "/admin/images/abc/",
    "/admin/images/1/preview/abc/",
    "/admin/images/?p=abc",
    "/admin/images/?collection_id=abc",
    "/admin/images/?tag=abc&ordering=abc",
    "/admin/images/results/?collection_id=abc&p=abc",
    "/admin/documents/chooser/abc/",
    "/admin/documents/chooser/chosen/abc/",
    "/admin/documents/chooser/?p=abc&collection_id=abc",
    "/admin/documents/chooser/results/?collection_id=abc",
    "/admin/documents/?p=abc&collection_id=abc",
    "/admin/documents/edit/abc/",
    "/admin/choose-page/abc/",
    "/admin/choose-page/?parent_page_id=abc",
    "/admin/choose-page/1/?p=abc&page_type=abc",
    "/admin/choose-page/1/?page_type=wagtailcore.abc",
    "/admin/choose-page/search/?q=werk&p=abc&page_type=abc",
    "/admin/choose-external-link/?parent_page_id=abc",
    "/admin/choose-email-link/?parent_page_id=abc",
    "/admin/choose-phone-link/?parent_page_id=abc",
    "/admin/choose-anchor-link/?parent_page_id=abc",
    "/admin/pages/abc/",
    "/admin/pages/1/?p=abc&ordering=abc",
    "/admin/pages/1/?content_type=abc&site=abc&locale=abc",
    "/admin/pages/1/?owner=abc&edited_by=abc&latest_revision_created_at_from=abc",
    "/admin/pages/search/?q=werk&p=abc&content_type=abc",
    "/admin/pages/2/edit/?p=abc",
    "/admin/pages/2/revisions/compare/abc...abc/",
    "/admin/pages/2/history/?p=abc&action=abc&user=abc&timestamp_from=abc",
    "/admin/pages/moderation/?p=abc",
    "/admin/bulk/wagtailcore/page/delete/?id=abc",
    "/admin/bulk/wagtailcore/page/publish/?id=abc&childOf=abc",
    "/admin/bulk/wagtailimages/image/delete/?id=abc",
    "/admin/bulk/wagtaildocs/document/delete/?id=abc",
    "/admin/bulk/accounts/user/delete/?id=abc",
    "/admin/bulk/abc/abc/abc/?id=abc",
    "/admin/snippets/choose/knowledge/theme/?p=abc",
    "/admin/snippets/choose/knowledge/theme/chosen/abc/",
    "/admin/snippets/knowledge/theme/?p=abc&ordering=abc",
    "/admin/snippets/knowledge/theme/edit/abc/",
    "/admin/snippets/knowledge/theme/history/1/?p=abc&user=abc",
    "/admin/snippets/accounts/allowedemaildomain/?p=abc",
    "/admin/users/?p=abc&group=abc&is_superuser=abc&last_login_from=abc",
    "/admin/groups/?p=abc",
    "/admin/reports/site-history/?p=abc&user=abc&content_type=abc&timestamp_from=abc",
    "/admin/reports/locked/?p=abc&locked_by=abc",
    "/admin/reports/workflow/?p=abc&workflow=abc&requested_by=abc",
    "/admin/reports/workflow_tasks/?p=abc&workflow=abc&task=abc",
    "/admin/reports/aging-pages/?p=abc&content_type=abc&last_published_at=abc",
    "/admin/reports/page-types-usage/?p=abc&page_locale=abc&site=abc",
    "/admin/workflows/?p=abc",
    "/admin/workflows/task_chooser/?p=abc&task_type=abc",
    "/admin/workflows/task_chooser/abc/",
    "/admin/redirects/?p=abc&site=abc",
    "/admin/collections/?p=abc",
    "/admin/forms/?p=abc",
    "/admin/forms/submissions/abc/",
    "/admin/editing-sessions/ping/wagtailcore/page/abc/abc/",
    "/admin/editing-sessions/ping/abc/abc/abc/1/",
    "/admin/tag-autocomplete/?term=abc",
    "/admin/tag-autocomplete/abc/abc/?term=abc",
    "/admin/leeractiviteiten/?p=abc",
    "/admin/leeractiviteiten/?p=999999999999999999999999",
    "/admin/leeractiviteiten/abc/deelnemers/",
    "/admin/leeractiviteiten/1/deelnemers/?export=abc",
    "/admin/herzieningen/?p=abc",
    "/admin/herzieningen/?export=csv&p=abc",
    "/admin/registraties/?p=abc",
    "/admin/registraties/abc/beslissing/",
    "/admin/api/main/pages/?child_of=abc",
    "/admin/api/main/pages/?limit=abc&offset=abc",
    "/admin/api/main/pages/?type=abc",
    "/admin/api/main/pages/?id=abc",
    "/admin/api/main/pages/?descendant_of=abc&order=abc",
    "/admin/api/main/pages/abc/",
    "/admin/api/main/images/?limit=abc&id=abc",
    "/admin/api/main/documents/?offset=abc&id=abc",
    "/admin/api/main/pages/find/?id=abc",
    "/admin/api/main/pages/find/?html_path=abc",
]


def test_admin_answers_non_numeric_ids_and_parameters_without_a_500(client, site_tree):
    client = _superuser_client(client)
    failures = []
    for url in ADMIN_URLS:
        # An empty POST to a link chooser fails in Wagtail for another reason (a missing
        # field, which no browser omits); those are asked with GET only.
        methods = (client.get,) if "-link/" in url else (client.get, client.post)
        for method in methods:
            status = method(url).status_code
            if status >= 500:
                failures.append(f"{method.__name__.upper()} {url}: {status}")
    assert failures == [], "\n".join(failures)
