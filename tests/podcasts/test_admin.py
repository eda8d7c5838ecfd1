"""Staff upload audio and transcripts in the Wagtail admin; bad files are refused by content."""

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from wagtail.test.utils.form_data import querydict_from_html

from podcasts.models import EpisodePage
from tests.accounts.factories import StaffFactory
from tests.podcasts.helpers import make_episode, make_show, sample_audio

pytestmark = pytest.mark.django_db

GOOD_VTT = b"WEBVTT\n\n00:00.500 --> 00:02.000\n<v Lotte>Hallo allemaal.\n"
GOOD_SRT = b"1\n00:00:01,000 --> 00:00:02,000\nAn: Dag.\n"
BAD_VTT = b"WEBVTT\n\n00:00.500 --> 00:02.000\nHallo.\n\n00:03,000 --> 00:04.000\nFout.\n"


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def _form(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    return {key: data.getlist(key) for key in data}


def _edit(client, episode, **changes):
    url = f"/admin/pages/{episode.pk}/edit/"
    data = _form(client, url)
    data.update(changes)
    return client.post(url, data)


def _errors(response, field):
    return response.context["form"].errors.get(field, [])


def test_new_episode_reads_duration_and_size_from_the_upload(staff_client, site_tree):
    show = make_show(site_tree)
    mp3, _cues = sample_audio()
    url = f"/admin/pages/add/podcasts/episodepage/{show.pk}/"
    data = _form(staff_client, url)
    data.update(
        title="Nieuwe aflevering",
        slug="nieuw",
        summary="Kort.",
        chapters="0:00 Begin",
        audio_upload=SimpleUploadedFile("opname.mp3", mp3, "audio/mpeg"),
        transcript_upload=SimpleUploadedFile(
            "tekst.srt", b"1\n00:00:01,000 --> 00:00:02,000\nAn: Dag.\n"
        ),
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    episode = EpisodePage.objects.get(slug="nieuw").get_latest_revision_as_object()
    assert episode.audio_size == len(mp3)
    assert episode.audio_mime_type == "audio/mpeg"
    assert 3 < episode.audio_duration < 20
    assert episode.audio_file.name.endswith(".mp3")
    assert episode.audio_file.storage.exists(episode.audio_file.name)
    assert episode.transcript == [{"start": 1.0, "end": 2.0, "speaker": "An", "text": "Dag."}]


def test_a_new_episode_needs_audio(staff_client, site_tree):
    show = make_show(site_tree)
    url = f"/admin/pages/add/podcasts/episodepage/{show.pk}/"
    data = _form(staff_client, url)
    data.update(title="Zonder geluid", slug="stil", summary="Kort.")
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert _errors(response, "audio_upload")
    assert not EpisodePage.objects.filter(slug="stil").exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("nep.mp3", b"this is not audio at all" * 100),
        ("leeg.mp3", b""),
        ("foto.mp3", b"\x89PNG\r\n\x1a\n" + b"\x00" * 400),
    ],
)
def test_files_that_are_not_audio_are_refused(staff_client, site_tree, name, content):
    episode = make_episode(make_show(site_tree))
    before = (episode.audio_file.name, episode.audio_size)
    response = _edit(staff_client, episode, audio_upload=SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert _errors(response, "audio_upload")
    episode.refresh_from_db()
    assert (episode.audio_file.name, episode.audio_size) == before
    # What the editor typed is still in the form.
    assert response.context["form"]["title"].value() == episode.title


def test_malformed_transcript_is_refused_with_its_line_and_nothing_changes(staff_client, site_tree):
    episode = make_episode(make_show(site_tree))
    before = episode.transcript
    revisions = episode.revisions.count()
    response = _edit(
        staff_client,
        episode,
        title="Nieuwe titel die niet verloren mag gaan",
        transcript_upload=SimpleUploadedFile("fout.vtt", BAD_VTT),
    )
    assert response.status_code == 200
    (error,) = _errors(response, "transcript_upload")
    assert " 6: " in error
    assert response.context["form"]["title"].value() == "Nieuwe titel die niet verloren mag gaan"
    episode.refresh_from_db()
    assert episode.transcript == before
    assert episode.revisions.count() == revisions


def test_good_transcript_replaces_the_old_one(staff_client, site_tree):
    episode = make_episode(make_show(site_tree))
    response = _edit(
        staff_client, episode, transcript_upload=SimpleUploadedFile("ok.vtt", GOOD_VTT)
    )
    assert response.status_code == 302
    draft = EpisodePage.objects.get(pk=episode.pk).get_latest_revision_as_object()
    assert draft.transcript == [
        {"start": 0.5, "end": 2.0, "speaker": "Lotte", "text": "Hallo allemaal."}
    ]
    assert draft.transcript_filename == "ok.vtt"
    assert draft.audio_file.name == episode.audio_file.name  # the audio stays


def test_chapters_past_the_end_or_out_of_order_are_refused(staff_client, site_tree):
    episode = make_episode(make_show(site_tree))
    response = _edit(staff_client, episode, chapters="0:00 Begin\n59:00 Veel te laat")
    assert response.status_code == 200
    (error,) = _errors(response, "chapters")
    assert " 2: " in error


def test_artwork_must_be_square_and_large_enough(staff_client, site_tree):
    import io

    from django.core.files.images import ImageFile

    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    show = make_show(site_tree)
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 600)).save(buffer, format="PNG")
    small = get_image_model().objects.create(
        title="klein", file=ImageFile(io.BytesIO(buffer.getvalue()), name="klein.png")
    )
    url = f"/admin/pages/{show.pk}/edit/"
    data = _form(staff_client, url)
    data["artwork"] = [str(small.pk)]
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "800 × 600" in _errors(response, "artwork")[0]


def test_a_future_publication_date_points_to_scheduling(staff_client, site_tree):
    episode = make_episode(make_show(site_tree))
    response = _edit(staff_client, episode, release_date="2099-01-01 10:00")
    assert response.status_code == 200
    (error,) = _errors(response, "release_date")
    assert "in de toekomst" in error


def test_removing_the_transcript(staff_client, site_tree):
    episode = make_episode(make_show(site_tree))
    response = _edit(staff_client, episode, remove_transcript="on")
    assert response.status_code == 302
    draft = EpisodePage.objects.get(pk=episode.pk).get_latest_revision_as_object()
    assert draft.transcript == []
    assert draft.transcript_filename == ""


def test_a_copied_episode_gets_its_own_guid(site_tree):
    episode = make_episode(make_show(site_tree))
    copy = episode.copy(update_attrs={"slug": "kopie", "title": "Kopie"})
    assert copy.specific.guid != episode.guid
    assert copy.specific.guid


def test_episode_artwork_is_optional_but_must_be_square(staff_client, site_tree):
    import io

    from django.core.files.images import ImageFile

    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    episode = make_episode(make_show(site_tree))
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 1400)).save(buffer, format="PNG")
    wide = get_image_model().objects.create(
        title="breed", file=ImageFile(io.BytesIO(buffer.getvalue()), name="breed.png")
    )
    response = _edit(staff_client, episode, artwork=[str(wide.pk)])
    assert response.status_code == 200
    assert "1600 × 1400" in _errors(response, "artwork")[0]
    response = _edit(staff_client, episode, artwork=[""])
    assert response.status_code == 302  # saved without artwork
