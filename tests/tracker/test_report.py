"""Reporting: the guided form, the privacy guard, similar bottlenecks, the confirmation page."""

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from knowledge import demo as knowledge_demo
from tests.knowledge import factories as knowledge_factories
from tracker.models import Attachment, Bottleneck, Follow, StatusChange

from . import factories

pytestmark = pytest.mark.django_db

URL = "/knelpunten/melden/"


@pytest.fixture
def form_data(db):
    theme = knowledge_factories.theme("zorg", "Zorg en gezondheid")
    body = factories.body("RIZIV / ziekenfonds", level="federaal")
    return {
        "title": "Proefperiode kost de ziekte-uitkering",
        "situation": "Een man van vijftig wil een proefperiode doen, maar vreest zijn uitkering.",
        "rule": "Toelating van de adviserend arts vooraf",
        "kind": "regelgeving",
        "themes": [theme.pk],
        "level": "federaal",
        "body": body.pk,
        "region": "limburg",
        "frequency": "maandelijks",
        "suggestion": "",
        "similar_seen": "on",
    }


def _pdf() -> bytes:
    return knowledge_demo.build_pdf(["Procedure", "Stappen van de aanvraag."])


def _errors(response, field):
    return [error.code for error in response.context["form"].errors.as_data().get(field, [])]


def test_a_member_reports_and_follows_and_sees_the_confirmation_page(client, member, form_data):
    client.force_login(member)
    response = client.post(URL, form_data)
    bottleneck = Bottleneck.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/knelpunten/{bottleneck.pk}/gemeld/"
    assert bottleneck.reporter == member and bottleneck.status == "gemeld"
    assert bottleneck.accepted_at is None
    assert Follow.objects.filter(user=member, bottleneck=bottleneck).exists()
    assert bottleneck.follower_count == 1
    assert StatusChange.objects.filter(bottleneck=bottleneck, to_status="gemeld").count() == 1
    page = client.get(response["Location"])
    assert page.status_code == 200 and bottleneck.title in page.content.decode()


def test_the_form_shows_its_steps(client, member):
    client.force_login(member)
    page = client.get(URL).content.decode()
    assert page.count('class="tracker-step"') == 4


@pytest.mark.parametrize(
    "number",
    [
        factories.national_number(),
        f"85.07.30-123.{factories.national_number()[-2:]}",
        f"85 07 30 123 {factories.national_number()[-2:]}",
        f"850730-123-{factories.national_number()[-2:]}",
    ],
)
@pytest.mark.parametrize("field", ["title", "situation", "rule", "suggestion"])
def test_a_national_number_blocks_every_text_field(client, member, form_data, field, number):
    client.force_login(member)
    form_data[field] = f"Deelnemer met nummer {number} wacht."
    response = client.post(URL, {**form_data, "privacy_confirmed": "on"})
    assert response.status_code == 200
    assert "privacy_block" in _errors(response, field)
    assert not Bottleneck.objects.exists()


def test_an_invalid_eleven_digit_number_is_allowed(client, member, form_data):
    valid = factories.national_number()
    wrong_check = valid[:9] + f"{(int(valid[9:]) + 1) % 100:02d}"
    client.force_login(member)
    form_data["situation"] += f" Dossiernummer {wrong_check}."
    response = client.post(URL, form_data)
    assert response.status_code == 302
    assert Bottleneck.objects.filter(situation__contains=wrong_check).exists()


def test_an_identifying_file_name_is_blocked(client, member, form_data):
    client.force_login(member)
    upload = SimpleUploadedFile(f"attest_{factories.national_number()}.pdf", _pdf())
    response = client.post(URL, {**form_data, "attachments": upload})
    assert "privacy_block" in _errors(response, "attachments")
    assert not Bottleneck.objects.exists()


def test_a_warning_needs_confirmation_and_keeps_what_was_typed(client, member, form_data):
    client.force_login(member)
    form_data["situation"] = "Mevrouw Peeters belt elke week: 0478 12 34 56."
    response = client.post(URL, form_data)
    assert response.status_code == 200
    assert "privacy_warn" in _errors(response, "situation")
    page = response.content.decode()
    assert "Mevrouw Peeters belt elke week" in page
    assert form_data["title"] in page and 'name="privacy_confirmed"' in page
    assert not Bottleneck.objects.exists()
    response = client.post(URL, {**form_data, "privacy_confirmed": "on"})
    assert response.status_code == 302 and Bottleneck.objects.count() == 1


def test_nothing_typed_is_lost_when_a_field_is_missing(client, member, form_data):
    client.force_login(member)
    del form_data["kind"]
    response = client.post(URL, form_data)
    assert response.status_code == 200 and _errors(response, "kind")
    page = response.content.decode()
    for field in ("title", "situation", "rule"):
        assert form_data[field] in page
    assert 'value="limburg" checked' in page or 'value="limburg" selected' in page


def test_a_similar_bottleneck_is_offered_before_filing(client, member, reporter, form_data):
    similar = factories.bottleneck(
        reporter, title="Proefperiode en ziekte-uitkering botsen", index=True
    )
    hidden = factories.bottleneck(
        reporter, accepted=False, title="Proefperiode ziekte-uitkering geheim", index=True
    )
    client.force_login(member)
    del form_data["similar_seen"]
    response = client.post(URL, form_data)
    assert response.status_code == 200
    assert response.context["similar"] == [similar]
    page = response.content.decode()
    assert similar.get_absolute_url() in page and hidden.title not in page
    assert not Bottleneck.objects.exclude(pk__in=[similar.pk, hidden.pk]).exists()
    # The member files anyway: the form came back with everything and the flag set.
    assert 'name="similar_seen"' in page and form_data["situation"] in page
    response = client.post(URL, {**form_data, "similar_seen": "on"})
    assert response.status_code == 302
    assert Bottleneck.objects.count() == 3


def test_live_suggestions_only_show_what_the_member_may_see(client, member, reporter):
    visible = factories.bottleneck(
        reporter, title="Vervoer naar de werkvloer ontbreekt", index=True
    )
    factories.bottleneck(reporter, accepted=False, title="Vervoer werkvloer verborgen", index=True)
    client.force_login(member)
    data = client.get("/knelpunten/melden/vergelijkbaar/", {"q": "vervoer werkvloer"}).json()
    assert [item["url"] for item in data["results"]] == [visible.get_absolute_url()]


def test_an_attachment_is_stored_privately_and_served_to_who_may_see(
    client, member, reporter, form_data, staff
):
    client.force_login(reporter)
    upload = SimpleUploadedFile("procedure.pdf", _pdf())
    response = client.post(URL, {**form_data, "attachments": upload})
    assert response.status_code == 302, response.context["form"].errors
    attachment = Attachment.objects.get()
    url = attachment.get_absolute_url()
    assert client.get(url).status_code == 200
    client.force_login(member)  # not accepted yet
    assert client.get(url).status_code == 404
    client.force_login(staff)
    assert client.get(url).status_code == 200


def test_a_double_submit_makes_one_bottleneck(client, member, form_data):
    client.force_login(member)
    key = "6f1f2b5e-2b8e-4e57-9a4f-0f1c0c7d2b11"
    client.post(URL, {**form_data, "submission_key": key})
    client.post(URL, {**form_data, "submission_key": key})
    assert Bottleneck.objects.count() == 1


def test_a_forum_post_prefills_the_report(client, member):
    from tests.community import factories as forum

    space = forum.space()
    topic = forum.topic(space, member, title="Opvang tijdens de opleiding")
    client.force_login(member)
    form = client.get(URL, {"uit": topic.posts.get(number=1).pk}).context["form"]
    assert form.initial["title"] == "Opvang tijdens de opleiding"
    assert topic.get_absolute_url() in form.initial["situation"]


def test_a_closed_forum_post_prefills_nothing(client, member, reporter):
    from django.contrib.auth.models import Group

    from tests.community import factories as forum

    space = forum.space(group=Group.objects.create(name="Gesloten groep"))
    topic = forum.topic(space, reporter, title="Geheime titel plomfrak")
    client.force_login(member)
    response = client.get(URL, {"uit": topic.posts.get(number=1).pk})
    assert "title" not in response.context["form"].initial
    assert "plomfrak" not in response.content.decode()
