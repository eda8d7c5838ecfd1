"""Staff's optional registration questions: shown on the form, validated, kept on an error,
stored per registration, seen by the person and staff only, checked by the privacy guard."""

import pytest

from knowledge import registrations
from knowledge.models import Registration
from knowledge.models.activities import RegistrationAnswer, RegistrationQuestion
from tests.accounts.factories import MemberFactory, StaffFactory
from tests.knowledge import factories

pytestmark = pytest.mark.django_db

DIET = "Heb je dieetwensen of noden op vlak van toegankelijkheid?"


@pytest.fixture(autouse=True)
def _tree(site_tree):
    return site_tree


@pytest.fixture
def activity():
    page = factories.activity(capacity=10)
    diet = RegistrationQuestion.objects.create(
        activity=page, text=DIET, help_text="Bv. <veganistisch>", sort_order=0
    )
    region = RegistrationQuestion.objects.create(
        activity=page, text="Uit welke regio kom je?", required=True, sort_order=1
    )
    page.diet, page.region = diet, region
    return page


def _field(question):
    return f"question_{question.pk}"


def _national_number() -> str:
    base = "850101001"
    return base + f"{97 - int(base) % 97:02d}"


def test_the_form_shows_the_questions_to_a_member(client, activity):
    client.force_login(MemberFactory())
    html = client.get(activity.url).content.decode()
    assert DIET in html and "Uit welke regio kom je?" in html
    assert f'name="{_field(activity.region)}"' in html
    # Staff's help text is shown as text, not as markup.
    assert "Bv. &lt;veganistisch&gt;" in html


def test_a_missing_required_answer_keeps_what_was_typed_and_registers_nobody(client, activity):
    client.force_login(MemberFactory())
    response = client.post(
        activity.url + "inschrijven/", {_field(activity.diet): "Glutenvrij, rolstoel"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Glutenvrij, rolstoel</textarea>" in html
    assert f'id="id_{_field(activity.region)}_error"' in html
    assert not Registration.objects.exists()


def test_the_answers_are_stored_with_the_registration(client, activity):
    member = MemberFactory()
    client.force_login(member)
    response = client.post(
        activity.url + "inschrijven/",
        {_field(activity.diet): "  Vegetarisch  ", _field(activity.region): "Limburg"},
    )
    assert response.status_code == 302
    registration = Registration.objects.get(user=member)
    answers = {a.question_id: a.answer for a in registration.answers.all()}
    assert answers == {activity.diet.pk: "Vegetarisch", activity.region.pk: "Limburg"}
    assert registration.answers.get(question=activity.diet).question_text == DIET


def test_an_optional_question_left_empty_stores_no_answer(activity):
    member = MemberFactory()
    registrations.register(activity, member, {activity.region.pk: "Antwerpen"})
    assert list(RegistrationAnswer.objects.values_list("answer", flat=True)) == ["Antwerpen"]


def test_the_member_sees_their_own_answers_and_another_member_does_not(client, activity):
    member = MemberFactory()
    registrations.register(activity, member, {activity.diet.pk: "Notenallergie"})
    client.force_login(member)
    assert "Notenallergie" in client.get(activity.url).content.decode()
    other = MemberFactory()
    client.force_login(other)
    assert "Notenallergie" not in client.get(activity.url).content.decode()
    registrations.register(activity, other, {activity.region.pk: "Gent"})
    html = client.get(activity.url).content.decode()
    assert "Gent" in html and "Notenallergie" not in html
    assert "Notenallergie" not in client.get("/leeractiviteiten/mijn/").content.decode()


def test_staff_see_the_answers_in_the_participant_list_and_csv(client, activity):
    registrations.register(
        activity, MemberFactory(email="ann@example.org"), {activity.diet.pk: "=Halal"}
    )
    client.force_login(StaffFactory())
    url = f"/admin/leeractiviteiten/{activity.pk}/deelnemers/"
    html = client.get(url).content.decode()
    assert DIET in html and "=Halal" in html
    rows = client.get(url, {"export": "csv"}).content.decode("utf-8-sig").splitlines()
    header = rows[0].split(";")
    assert header[-2:] == [DIET, "Uit welke regio kom je?"]
    (row,) = [r for r in rows if "ann@example.org" in r]
    assert row.split(";")[-2:] == ["'=Halal", ""]  # no formula in a spreadsheet


def test_an_answer_to_a_removed_question_stays_visible_to_staff(client, activity):
    registrations.register(activity, MemberFactory(), {activity.diet.pk: "Lactosevrij"})
    activity.diet.delete()
    client.force_login(StaffFactory())
    url = f"/admin/leeractiviteiten/{activity.pk}/deelnemers/"
    html = client.get(url).content.decode()
    assert DIET in html and "Lactosevrij" in html


def test_a_national_number_in_an_answer_is_refused(client, activity):
    client.force_login(MemberFactory())
    response = client.post(
        activity.url + "inschrijven/",
        {
            _field(activity.diet): f"Mijn nummer: {_national_number()}",
            _field(activity.region): "Limburg",
            "privacy_confirmed": "on",
        },
    )
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_a_phone_number_in_an_answer_needs_a_confirmation(client, activity):
    member = MemberFactory()
    client.force_login(member)
    data = {_field(activity.diet): "Bel me op 0470 12 34 56", _field(activity.region): "Gent"}
    response = client.post(activity.url + "inschrijven/", data)
    assert response.status_code == 400
    assert 'name="privacy_confirmed"' in response.content.decode()
    response = client.post(activity.url + "inschrijven/", {**data, "privacy_confirmed": "on"})
    assert response.status_code == 302
    assert Registration.objects.filter(user=member).exists()


def test_an_activity_without_questions_registers_with_one_click(client):
    page = factories.activity()
    member = MemberFactory()
    client.force_login(member)
    html = client.get(page.url).content.decode()
    assert "question_" not in html and "privacy_confirmed" not in html
    assert client.post(page.url + "inschrijven/").status_code == 302
    assert Registration.objects.filter(user=member).exists()


def test_stored_answers_are_in_the_privacy_scan(activity):
    import io

    from django.core.management import call_command

    registration = Registration.objects.create(
        activity=activity, user=MemberFactory(), status="registered"
    )
    RegistrationAnswer.objects.create(
        registration=registration,
        question=activity.diet,
        question_text=DIET,
        answer=f"INSZ {_national_number()}",
    )
    out = io.StringIO()
    call_command("scan_privacy", "--source", "learning activity registration answers", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("BLOCK | learning activity registration answers | ")
    assert f"/admin/leeractiviteiten/{activity.pk}/deelnemers/" in lines[0]
    assert _national_number() not in out.getvalue()


def test_the_participant_list_reads_answers_in_a_fixed_number_of_queries(client, activity):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(StaffFactory())
    url = f"/admin/leeractiviteiten/{activity.pk}/deelnemers/"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    answers = {activity.diet.pk: "Vegetarisch", activity.region.pk: "Gent"}
    registrations.register(activity, MemberFactory(), answers)
    one = queries()
    for _ in range(5):
        registrations.register(activity, MemberFactory(), answers)
    assert queries() == one


def test_a_closed_activity_says_so_rather_than_asking_for_answers(client, activity):
    import datetime

    from knowledge.models import LearningActivityPage

    LearningActivityPage.objects.filter(pk=activity.pk).update(
        registration_deadline=activity.starts_at - datetime.timedelta(days=20)
    )
    client.force_login(MemberFactory())
    response = client.post(activity.url + "inschrijven/", follow=True)
    assert response.redirect_chain and "De inschrijving sloot op" in response.content.decode()
    assert not Registration.objects.exists()
