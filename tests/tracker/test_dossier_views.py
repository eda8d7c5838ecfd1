"""The dossier pages: the list, the dossier page and its public summary, and SAM staff's
building of a dossier (bottlenecks, addressees, answers, meeting snapshots, comparisons).

Assertions use the pages' context, classes and data rather than the interface's texts, so
they hold before and after the Dutch catalogue is merged.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from knowledge import demo as knowledge_demo
from tests.accounts.factories import MemberFactory, PolicyWorkerFactory
from tracker import dossiers
from tracker.models import (
    Addressee,
    Dossier,
    DossierItem,
    DossierStatus,
    Snapshot,
    Status,
    StatusChange,
)

from . import factories

pytestmark = pytest.mark.django_db

INDEX = "/knelpunten/dossiers/"
NEW = "/knelpunten/dossiers/nieuw/"
SECRET = "Kabinet wil dit pas na de verkiezingen bespreken."


def _pdf() -> bytes:
    return knowledge_demo.build_pdf(["Antwoord", "De minister antwoordt op de vraag."])


def _url(dossier, tail=""):
    return f"/knelpunten/dossiers/{dossier.pk}/{tail}"


def _messages(response):
    return [m.level_tag for m in response.context["messages"]] if response.context else []


@pytest.fixture
def built(reporter, staff):
    """A published dossier with an accepted and a not-yet-accepted bottleneck, two
    addressees (one answered), an internal note."""
    shown = factories.bottleneck(reporter, title="Geen opvang tijdens opleiding")
    hidden = factories.bottleneck(reporter, accepted=False, title="Nog niet aanvaard probleem")
    factories.confirmation(MemberFactory(), shown, region="limburg", participants=4)
    today = timezone.localdate()
    dossier = factories.dossier(
        staff,
        bottlenecks=[shown, hidden],
        addressees=[
            {
                "body": "VDAB",
                "contact": "dienst beleid",
                "sent_on": today - datetime.timedelta(days=30),
                "due_on": today - datetime.timedelta(days=2),
            },
            {
                "body": "Departement Zorg",
                "sent_on": today - datetime.timedelta(days=30),
                "answered_on": today - datetime.timedelta(days=1),
                "answer": "We bekijken een uitzondering.",
            },
        ],
        title="Opvang en opleiding",
        internal_notes=SECRET,
        published=True,
        status=DossierStatus.SENT,
    )
    return {"dossier": dossier, "shown": shown, "hidden": hidden}


# --- the list --------------------------------------------------------------------------------


def test_visitors_go_to_the_login_and_pending_accounts_are_refused(client, pending, built):
    response = client.get(INDEX)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(pending)
    assert client.get(INDEX).status_code == 403


def test_members_list_published_dossiers_only_without_owner(client, member, staff, built):
    draft = factories.dossier(staff, title="Nog in opbouw")
    client.force_login(member)
    response = client.get(INDEX)
    assert response.status_code == 200
    listed = [d for d, _label in response.context["rows"]]
    assert listed == [built["dossier"]]
    assert draft.title not in response.content.decode()
    assert staff.display_name not in response.content.decode()
    assert not response.context["can_manage"]
    assert NEW not in response.content.decode()
    row = listed[0]
    # The member counts the bottleneck they may see; one of two addressees answered, one late.
    assert (row.bottleneck_count, row.answered_count, row.addressee_count) == (1, 1, 2)
    assert row.overdue_count == 1
    assert "dossier-overdue" in response.content.decode()


@pytest.mark.parametrize("role", ["policy_worker", "staff"])
def test_policy_workers_and_staff_list_every_dossier_with_its_owner(
    client, role, request, staff, built
):
    draft = factories.dossier(staff, title="Nog in opbouw")
    client.force_login(request.getfixturevalue(role))
    response = client.get(INDEX)
    assert {d for d, _label in response.context["rows"]} == {built["dossier"], draft}
    assert staff.display_name in response.content.decode()
    assert response.context["rows"][0][0].bottleneck_count in (0, 2)
    assert (NEW in response.content.decode()) == (role == "staff")


def test_the_list_has_pages_a_status_filter_and_an_empty_state(
    client, member, staff, django_assert_max_num_queries
):
    client.force_login(member)
    response = client.get(INDEX)
    assert response.context["rows"] == [] and "empty-state" in response.content.decode()
    for number in range(30):
        factories.dossier(staff, title=f"Dossier {number}", published=True)
    factories.dossier(staff, title="Klaar", published=True, status=DossierStatus.CLOSED)
    with django_assert_max_num_queries(12):
        response = client.get(INDEX)
    assert len(response.context["rows"]) == 25
    assert len(client.get(INDEX, {"pagina": 2}).context["rows"]) == 6
    assert client.get(INDEX, {"pagina": "x"}).status_code == 200
    closed = client.get(INDEX, {"status": "afgesloten"})
    assert [d.title for d, _label in closed.context["rows"]] == ["Klaar"]
    assert len(client.get(INDEX, {"status": "onzin"}).context["rows"]) == 25


# --- the dossier page ------------------------------------------------------------------------


def test_the_short_address_and_a_wrong_slug_lead_to_the_canonical_one(client, member, built):
    dossier = built["dossier"]
    client.force_login(member)
    for path in (_url(dossier), f"/knelpunten/dossiers/{dossier.pk}-oude-titel/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == dossier.get_absolute_url()
    assert client.get(dossier.get_absolute_url()).status_code == 200
    assert client.get("/knelpunten/dossiers/999999/").status_code == 404


def test_a_member_reads_a_published_dossier_without_internal_notes_or_hidden_bottlenecks(
    client, member, built
):
    client.force_login(member)
    response = client.get(built["dossier"].get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert built["shown"].title in content
    assert built["hidden"].title not in content
    assert SECRET not in content and "dossier-internal" not in content
    assert "dienst beleid" not in content  # contacts are for staff and policy workers
    assert not response.context["can_export"]
    assert "knelpuntennota.docx" not in content
    assert "We bekijken een uitzondering." in content


def test_a_member_does_not_reach_an_unpublished_dossier(client, member, staff):
    draft = factories.dossier(staff, title="Nog in opbouw", internal_notes=SECRET)
    client.force_login(member)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(_url(draft, "vergelijk/") + "?van=1&tot=nu").status_code == 404


def test_a_policy_worker_reads_everything_and_gets_the_exports(client, policy_worker, built):
    client.force_login(policy_worker)
    response = client.get(built["dossier"].get_absolute_url())
    content = response.content.decode()
    assert built["hidden"].title in content
    assert SECRET in content and "dossier-internal" in content
    assert "dienst beleid" in content
    dossier = built["dossier"]
    for tail in ("export.csv", "export.xlsx", "knelpuntennota.docx", "knelpuntennota.pdf"):
        assert _url(dossier, tail) in content
    assert not response.context["can_manage"]
    assert _url(dossier, "bewerken/") not in content
    assert "dossier-add-form" not in content


def test_the_bottlenecks_are_shown_in_the_dossier_order_with_their_note(client, staff, reporter):
    first, second, third = (factories.bottleneck(reporter) for _ in range(3))
    dossier = factories.dossier(staff, bottlenecks=[first, second, third])
    dossiers.move(dossier, third.pk, -2)
    DossierItem.objects.filter(dossier=dossier, bottleneck=second).update(note="Kern van de zaak")
    client.force_login(staff)
    response = client.get(dossier.get_absolute_url())
    assert [row["pk"] for row in response.context["items"]] == [third.pk, first.pk, second.pk]
    assert "Kern van de zaak" in response.content.decode()


# --- the public summary ----------------------------------------------------------------------


def test_visitors_read_the_public_summary_of_a_public_dossier_only(client, pending, built):
    dossier = built["dossier"]
    response = client.get(dossier.get_absolute_url())
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    Dossier.objects.filter(pk=dossier.pk).update(
        public=True, public_summary="Casemanagers zien dit overal."
    )
    dossier.refresh_from_db()
    for who in (None, pending):
        if who:
            client.force_login(who)
        response = client.get(dossier.get_absolute_url())
        content = response.content.decode()
        assert response.status_code == 200
        assert response.templates[0].name == "tracker/dossiers/public.html"
        assert "Casemanagers zien dit overal." in content
        assert dossier.question in content
        assert "VDAB" in content and "Departement Zorg" in content
        # No bottleneck titles, internal notes, contacts or answers on the public page.
        for private in (built["shown"].title, built["hidden"].title, SECRET, "dienst beleid"):
            assert private not in content
        assert "We bekijken een uitzondering." not in content
        # Evidence: the accepted bottleneck only, its confirmation and region.
        assert response.context["totals"] == {
            "bottlenecks": 1,
            "confirmations": 1,
            "participants": 4,
        }
        assert len(response.context["regions"]) == 1
    # The short address leads there too; a visitor never reaches the staff views.
    client.logout()
    assert client.get(_url(dossier))["Location"] == dossier.get_absolute_url()
    assert client.get(_url(dossier, "bewerken/")).status_code == 302


def test_the_public_summary_falls_back_to_the_summary(client, staff):
    dossier = factories.dossier(staff, public=True, summary="De gewone samenvatting.")
    response = client.get(dossier.get_absolute_url())
    assert "De gewone samenvatting." in response.content.decode()


def test_pending_accounts_get_the_forum_403_on_a_private_dossier(client, pending, built):
    client.force_login(pending)
    assert client.get(built["dossier"].get_absolute_url()).status_code == 403
    assert client.get("/knelpunten/dossiers/999999-x/").status_code == 403


# --- the number of queries -------------------------------------------------------------------


def _page_queries(client, dossier) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(dossier.get_absolute_url())
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("role", ["policy_worker", "staff", "member"])
def test_the_dossier_page_takes_the_same_queries_for_3_or_30_bottlenecks(
    client, role, request, reporter, staff, django_assert_max_num_queries
):
    counts = []
    user = request.getfixturevalue(role)
    client.force_login(user)
    for size in (3, 30):
        bottlenecks = [factories.bottleneck(reporter) for _ in range(size)]
        for bottleneck in bottlenecks[:3]:
            factories.confirmation(MemberFactory(), bottleneck)
        dossier = factories.dossier(
            staff, bottlenecks=bottlenecks, addressees=["VDAB", "RIZIV"], published=True
        )
        for number in range(size // 10 + 1):
            dossiers.take_snapshot(dossier, staff, f"Overleg {number}", timezone.localdate())
        dossiers.add_bottleneck(dossier, factories.bottleneck(reporter), staff)
        counts.append(_page_queries(client, dossier))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(25):
        client.get(dossier.get_absolute_url())


# --- staff only ------------------------------------------------------------------------------

STAFF_POSTS = [
    ("nieuw", NEW),
    ("bewerken", "{d}bewerken/"),
    ("toevoegen", "{d}knelpunten/"),
    ("item", "{d}knelpunten/{b}/"),
    ("adressaat", "{d}adressaten/"),
    ("adressaat bewerken", "{d}adressaten/{a}/"),
    ("antwoord", "{d}adressaten/{a}/antwoord/"),
    ("overleg", "{d}overleg/"),
]


@pytest.mark.parametrize(("label", "pattern"), STAFF_POSTS)
@pytest.mark.parametrize("role", ["member", "policy_worker"])
def test_only_staff_build_dossiers(client, role, request, built, label, pattern):
    dossier = built["dossier"]
    path = pattern.format(d=_url(dossier), b=built["shown"].pk, a=dossier.addressees.first().pk)
    client.force_login(request.getfixturevalue(role))
    response = client.post(path, {"title": "x", "knelpunt": built["shown"].pk})
    assert response.status_code == 403
    assert response.templates[0].name == "tracker/staff_only.html"
    client.logout()
    response = client.post(path, {})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert Dossier.objects.count() == 1
    assert DossierItem.objects.count() == 2
    assert not Snapshot.objects.exists()


def _dossier_data(**changes):
    return {
        "title": "Dagopvang en VDAB-opleiding",
        "question": "Kan de opvang starten op de eerste opleidingsdag?",
        "regulation": "Besluit kinderopvang, art. 12",
        "summary": "Moeders haken af omdat de opvang te laat start.",
        "internal_notes": SECRET,
        "owner": "",
        "status": DossierStatus.BUILDING,
        "public_summary": "",
        **changes,
    }


def test_staff_make_a_dossier(client, staff):
    client.force_login(staff)
    page = client.get(NEW)
    assert page.status_code == 200 and page.context["form"].initial["owner"] == staff.pk
    response = client.post(NEW, _dossier_data(owner=staff.pk, published="on"))
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == dossier.get_absolute_url()
    assert (dossier.owner, dossier.published, dossier.public) == (staff, True, False)
    assert dossier.internal_notes == SECRET
    assert dossier.slug == "dagopvang-en-vdab-opleiding"


def test_a_bad_dossier_form_keeps_what_was_typed(client, staff, member):
    client.force_login(staff)
    response = client.post(NEW, _dossier_data(title="", owner=member.pk))
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"title", "owner"}  # the owner must be SAM staff
    assert "Moeders haken af" in response.content.decode()
    inss = factories.national_number()
    response = client.post(NEW, _dossier_data(summary=f"Deelnemer {inss} wacht."))
    assert response.status_code == 400 and "summary" in response.context["form"].errors
    assert not Dossier.objects.exists()
    # Internal notes stay inside: the guard does not hold them up.
    response = client.post(NEW, _dossier_data(internal_notes="Bel 0470 12 34 56"))
    assert response.status_code == 302


def test_staff_edit_a_dossier(client, staff, built):
    dossier = built["dossier"]
    client.force_login(staff)
    assert client.get(_url(dossier, "bewerken/")).status_code == 200
    response = client.post(
        _url(dossier, "bewerken/"),
        _dossier_data(title="Nieuwe titel", public="on", status=DossierStatus.ON_AGENDA),
    )
    dossier.refresh_from_db()
    assert response["Location"] == dossier.get_absolute_url()
    assert (dossier.title, dossier.public, dossier.status) == (
        "Nieuwe titel",
        True,
        DossierStatus.ON_AGENDA,
    )
    assert (
        client.get(_url(dossier, "bewerken/").replace(str(dossier.pk), "999999")).status_code == 404
    )


# --- bottlenecks in a dossier ----------------------------------------------------------------


@pytest.fixture
def empty(staff):
    return factories.dossier(staff, title="Leeg dossier")


def _add(client, dossier, **data):
    return client.post(_url(dossier, "knelpunten/"), {"bundle": "on", **data})


def test_staff_add_a_bottleneck_by_number_and_it_is_bundled(client, staff, reporter, empty):
    bottleneck = factories.bottleneck(reporter)
    assert bottleneck.status == Status.IN_PROGRESS
    client.force_login(staff)
    response = _add(client, empty, knelpunt=f"#{bottleneck.pk}", note="Komt overal terug.")
    assert response.status_code == 302
    assert response["Location"] == empty.get_absolute_url() + f"#knelpunt-{bottleneck.pk}"
    item = DossierItem.objects.get(dossier=empty)
    assert (item.bottleneck, item.note, item.added_by) == (bottleneck, "Komt overal terug.", staff)
    bottleneck.refresh_from_db()
    assert bottleneck.status == Status.BUNDLED
    change = StatusChange.objects.filter(bottleneck=bottleneck).last()
    assert (change.from_status, change.to_status, change.by) == (
        Status.IN_PROGRESS,
        Status.BUNDLED,
        staff,
    )
    # A second time: nothing doubles.
    _add(client, empty, knelpunt=bottleneck.pk)
    assert DossierItem.objects.filter(dossier=empty).count() == 1


def test_the_status_stays_when_staff_say_so_or_the_workflow_does_not_go_there(
    client, staff, reporter, empty
):
    kept = factories.bottleneck(reporter)
    on_agenda = factories.bottleneck(reporter, status=Status.ON_AGENDA)
    client.force_login(staff)
    client.post(_url(empty, "knelpunten/"), {"knelpunt": kept.pk})
    _add(client, empty, knelpunt=on_agenda.pk)
    kept.refresh_from_db()
    on_agenda.refresh_from_db()
    assert (kept.status, on_agenda.status) == (Status.IN_PROGRESS, Status.ON_AGENDA)
    assert DossierItem.objects.filter(dossier=empty).count() == 2


def test_staff_add_a_bottleneck_by_searching(client, staff, reporter, empty):
    one = factories.bottleneck(reporter, title="Wachtlijst psychiater Limburg")
    factories.bottleneck(reporter, title="Busvervoer naar de opleiding")
    factories.bottleneck(reporter, title="Opleiding zonder opvang")
    client.force_login(staff)
    response = _add(client, empty, knelpunt="psychiater", note="Zorg")
    assert response.status_code == 302
    assert list(empty.items.values_list("bottleneck", flat=True)) == [one.pk]
    # Several matches: offered, with what was typed kept.
    response = _add(client, empty, knelpunt="opleiding", note="Mijn notitie")
    assert response.status_code == 200
    assert len(response.context["candidates"]) == 2
    assert "Mijn notitie" in response.content.decode()
    assert empty.items.count() == 1
    response = _add(client, empty, knelpunt="niets-dat-bestaat")
    assert response.status_code == 400 and "knelpunt" in response.context["add_form"].errors


@pytest.mark.parametrize("value", ["999999", "99999999999999999999999", "", "   "])
def test_a_bottleneck_that_does_not_exist_is_a_message(client, staff, empty, value):
    client.force_login(staff)
    response = _add(client, empty, knelpunt=value, note="Bewaard")
    assert response.status_code == 400
    assert "knelpunt" in response.context["add_form"].errors
    assert not empty.items.exists()


def test_a_bottleneck_not_accepted_yet_or_merged_away_is_not_added(
    client, staff, reporter, empty, reported
):
    from tracker import actions

    duplicate, original = factories.bottleneck(reporter), factories.bottleneck(reporter)
    actions.merge(duplicate, original, staff, "Dubbel.")
    client.force_login(staff)
    for bottleneck in (reported, duplicate):
        response = _add(client, empty, knelpunt=bottleneck.pk)
        assert response.status_code == 400
    assert not empty.items.exists()


def test_a_note_with_a_national_number_is_refused_and_kept(client, staff, reporter, empty):
    bottleneck = factories.bottleneck(reporter)
    client.force_login(staff)
    note = f"Zie dossier {factories.national_number()}"
    response = _add(client, empty, knelpunt=bottleneck.pk, note=note)
    assert response.status_code == 400 and "note" in response.context["add_form"].errors
    assert note in response.content.decode()


def test_staff_change_the_note_move_and_remove_items(client, staff, reporter):
    first, second = factories.bottleneck(reporter), factories.bottleneck(reporter)
    dossier = factories.dossier(staff, bottlenecks=[first, second])
    client.force_login(staff)
    item_url = _url(dossier, f"knelpunten/{second.pk}/")
    response = client.post(item_url, {"actie": "opslaan", "note": "Nieuwe reden"})
    assert response.status_code == 302
    assert DossierItem.objects.get(bottleneck=second).note == "Nieuwe reden"
    client.post(item_url, {"actie": "omhoog"})
    order = list(dossier.items.order_by("position").values_list("bottleneck", flat=True))
    assert order == [second.pk, first.pk]
    client.post(item_url, {"actie": "omlaag"})
    order = list(dossier.items.order_by("position").values_list("bottleneck", flat=True))
    assert order == [first.pk, second.pk]
    bad = client.post(item_url, {"note": f"Nummer {factories.national_number()}"})
    assert bad.status_code == 400
    assert DossierItem.objects.get(bottleneck=second).note == "Nieuwe reden"
    assert client.post(item_url, {"actie": "verwijderen"}).status_code == 302
    assert list(dossier.items.values_list("bottleneck", flat=True)) == [first.pk]
    assert client.post(item_url, {"actie": "omhoog"}).status_code == 404


# --- addressees and answers ------------------------------------------------------------------


def _addressee_data(prefix="nieuw", **data):
    return {f"{prefix}-{key}": value for key, value in data.items()}


def test_staff_add_an_addressee_and_sending_marks_the_dossier_sent(client, staff, empty):
    client.force_login(staff)
    response = client.post(
        _url(empty, "adressaten/"), _addressee_data(body="VDAB", contact="Dienst beleid")
    )
    assert response.status_code == 302
    vdab = Addressee.objects.get()
    assert (vdab.body, vdab.contact, vdab.sent_on) == ("VDAB", "Dienst beleid", None)
    empty.refresh_from_db()
    assert empty.status == DossierStatus.BUILDING
    today = timezone.localdate()
    client.post(
        _url(empty, "adressaten/"),
        _addressee_data(body="RIZIV", sent_on=today.isoformat(), due_on=""),
    )
    assert list(empty.addressees.values_list("body", "position")) == [("VDAB", 0), ("RIZIV", 1)]
    empty.refresh_from_db()
    assert empty.status == DossierStatus.SENT


def test_the_body_field_suggests_the_known_bodies(client, staff, empty):
    factories.body("Opgroeien")
    client.force_login(staff)
    content = client.get(empty.get_absolute_url()).content.decode()
    assert 'list="dossier-bodies"' in content and '<option value="Opgroeien">' in content


def test_moving_the_due_date_clears_the_reminder(client, staff, built):
    vdab = built["dossier"].addressees.get(body="VDAB")
    Addressee.objects.filter(pk=vdab.pk).update(reminded_at=timezone.now())
    client.force_login(staff)
    path = _url(built["dossier"], f"adressaten/{vdab.pk}/")
    same = _addressee_data(
        f"a{vdab.pk}",
        body="VDAB",
        contact="dienst beleid",
        sent_on=vdab.sent_on.isoformat(),
        due_on=vdab.due_on.isoformat(),
    )
    assert client.post(path, same).status_code == 302
    vdab.refresh_from_db()
    assert vdab.reminded_at is not None
    later = {**same, f"a{vdab.pk}-due_on": (vdab.due_on + datetime.timedelta(days=30)).isoformat()}
    client.post(path, later)
    vdab.refresh_from_db()
    assert vdab.reminded_at is None and vdab.due_on > timezone.localdate()


@pytest.mark.parametrize(
    "dates",
    [
        {"sent_on": "31-02-2026"},
        {"sent_on": "2026-02-31"},
        {"due_on": "morgen"},
        {"sent_on": "9999-12-31"},
        {"sent_on": "2020-03-10", "due_on": "2020-03-01"},
        {"due_on": "0001-01-01"},
    ],
)
def test_bad_dates_are_messages_and_keep_what_was_typed(client, staff, empty, dates):
    client.force_login(staff)
    response = client.post(
        _url(empty, "adressaten/"), _addressee_data(body="Lokaal bestuur Genk", **dates)
    )
    assert response.status_code == 400
    assert response.context["addressee_form"].errors
    assert "Lokaal bestuur Genk" in response.content.decode()
    assert not Addressee.objects.exists()


def test_another_dossiers_addressee_is_not_found(client, staff, built, empty):
    other = built["dossier"].addressees.first()
    client.force_login(staff)
    assert client.post(_url(empty, f"adressaten/{other.pk}/"), {}).status_code == 404
    assert client.post(_url(empty, f"adressaten/{other.pk}/antwoord/"), {}).status_code == 404


def test_staff_remove_an_addressee(client, staff, built):
    vdab = built["dossier"].addressees.get(body="VDAB")
    client.force_login(staff)
    client.post(_url(built["dossier"], f"adressaten/{vdab.pk}/"), {"actie": "verwijderen"})
    assert not Addressee.objects.filter(pk=vdab.pk).exists()


def _answer_data(addressee, **data):
    return {f"b{addressee.pk}-{key}": value for key, value in data.items()}


def test_staff_record_an_answer_with_its_file_and_members_download_it(
    client, staff, member, built, django_capture_on_commit_callbacks
):
    dossier = built["dossier"]
    vdab = dossier.addressees.get(body="VDAB")
    client.force_login(staff)
    data = _answer_data(
        vdab,
        answer="De VDAB past de regel aan vanaf september.",
        answered_on=timezone.localdate().isoformat(),
        file=SimpleUploadedFile("antwoord VDAB.pdf", _pdf(), content_type="text/plain"),
    )
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(_url(dossier, f"adressaten/{vdab.pk}/antwoord/"), data)
    assert response.status_code == 302
    vdab.refresh_from_db()
    assert vdab.answer.startswith("De VDAB past") and vdab.answered_on == timezone.localdate()
    assert (vdab.answer_file_name, vdab.answer_file_type) == (
        "antwoord VDAB.pdf",
        "application/pdf",
    )
    assert "antwoord" not in vdab.answer_file.name.rsplit("/", 1)[-1]  # a random name
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.ANSWERED  # both addressees answered now

    link = f"/knelpunten/dossiers/antwoord/{vdab.pk}/antwoord%20VDAB.pdf"
    client.force_login(member)
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert link in page
    response = client.get(link)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert client.get(f"/knelpunten/dossiers/antwoord/{vdab.pk}/ander.pdf").status_code == 302
    # Not for visitors, nor for members once the dossier is unpublished.
    Dossier.objects.filter(pk=dossier.pk).update(published=False)
    assert client.get(link).status_code == 404
    client.logout()
    assert client.get(link).status_code == 302


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"answered_on": "2999-01-01"}, "answered_on"),
        ({"answered_on": "gisteren"}, "answered_on"),
        ({"answered_on": "2000-01-01"}, "answered_on"),  # before the question went out
        ({"answer": ""}, "answer"),
        ({"file": ("antwoord.pdf", b"geen pdf maar tekst")}, "file"),
        ({"file": ("antwoord.exe", b"MZ....")}, "file"),
    ],
)
def test_a_bad_answer_is_refused_and_kept(client, staff, built, data, field):
    dossier = built["dossier"]
    vdab = dossier.addressees.get(body="VDAB")
    values = {"answer": "Antwoord van de VDAB", "answered_on": timezone.localdate().isoformat()}
    values.update({k: v for k, v in data.items() if k != "file"})
    if "file" in data:
        values["file"] = SimpleUploadedFile(*data["file"])
    client.force_login(staff)
    response = client.post(
        _url(dossier, f"adressaten/{vdab.pk}/antwoord/"), _answer_data(vdab, **values)
    )
    assert response.status_code == 400
    assert field in response.context["answer_forms"][vdab.pk].errors
    vdab.refresh_from_db()
    assert vdab.answered_on is None and not vdab.answer_file


def test_an_answer_file_that_is_missing_is_not_found(client, member, built):
    answered = built["dossier"].addressees.get(body="Departement Zorg")
    client.force_login(member)
    assert client.get(f"/knelpunten/dossiers/antwoord/{answered.pk}/x.pdf").status_code == 404
    assert client.get("/knelpunten/dossiers/antwoord/999999/x.pdf").status_code == 404


# --- meetings --------------------------------------------------------------------------------


def test_staff_freeze_a_dossier_for_a_meeting_and_see_what_changed_since(
    client, staff, reporter, built
):
    dossier = built["dossier"]
    client.force_login(staff)
    page = client.get(dossier.get_absolute_url())
    assert page.context["last_snapshot"] is None and page.context["changes"] == []
    response = client.post(
        _url(dossier, "overleg/"),
        {"meeting": "Overleg VDAB maart", "meeting_on": "2026-03-12", "attendees": "VDAB, SAM"},
    )
    assert response.status_code == 302
    snapshot = Snapshot.objects.get()
    assert (snapshot.meeting, snapshot.meeting_on, snapshot.created_by) == (
        "Overleg VDAB maart",
        datetime.date(2026, 3, 12),
        staff,
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.ON_AGENDA
    assert snapshot.state["status"] == DossierStatus.ON_AGENDA
    page = client.get(dossier.get_absolute_url())
    assert page.context["last_snapshot"] == snapshot and page.context["changes"] == []
    assert "Overleg VDAB maart" in page.content.decode()

    newcomer = factories.bottleneck(reporter, title="Nieuw sinds het overleg")
    dossiers.add_bottleneck(dossier, newcomer, staff)
    factories.confirmation(MemberFactory(), built["shown"])
    page = client.get(dossier.get_absolute_url())
    kinds = [change.kind for change in page.context["changes"]]
    assert sorted(kinds) == ["added", "confirmations"]
    assert "Nieuw sinds het overleg" in page.content.decode()


def test_a_dossier_already_answered_keeps_its_status_at_a_meeting(client, staff):
    dossier = factories.dossier(staff, status=DossierStatus.ANSWERED)
    client.force_login(staff)
    client.post(_url(dossier, "overleg/"), {"meeting": "Opvolging", "meeting_on": "2026-01-05"})
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.ANSWERED


@pytest.mark.parametrize(
    "data",
    [
        {"meeting": "", "meeting_on": "2026-03-12"},
        {"meeting": "Overleg", "meeting_on": "12/13/2026"},
        {"meeting": "Overleg", "meeting_on": ""},
        {"meeting": "Overleg", "meeting_on": "1900-01-01"},
    ],
)
def test_a_bad_meeting_is_refused_and_kept(client, staff, built, data):
    client.force_login(staff)
    response = client.post(_url(built["dossier"], "overleg/"), {**data, "attendees": "Bewaard"})
    assert response.status_code == 400 and response.context["snapshot_form"].errors
    assert "Bewaard" in response.content.decode()
    assert not Snapshot.objects.exists()


@pytest.fixture
def meetings(staff, reporter, built):
    dossier = built["dossier"]
    first = dossiers.take_snapshot(dossier, staff, "Eerste overleg", datetime.date(2026, 1, 10))
    later = factories.bottleneck(reporter, title="Later toegevoegd")
    dossiers.add_bottleneck(dossier, later, staff)
    second = dossiers.take_snapshot(dossier, staff, "Tweede overleg", datetime.date(2026, 2, 10))
    unseen = factories.bottleneck(reporter, accepted=False, title="Geheim nieuw knelpunt")
    dossiers.add_bottleneck(dossier, unseen, staff)
    return {"first": first, "second": second, "later": later, "unseen": unseen}


def test_two_meetings_are_compared_and_a_meeting_with_now(client, policy_worker, built, meetings):
    dossier = built["dossier"]
    client.force_login(policy_worker)
    compare = _url(dossier, "vergelijk/")
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert f"{compare}?van={meetings['first'].pk}&amp;tot=nu" in page
    assert "dossier-compare-form" in page
    # Either order: the older meeting comes first.
    for van, tot in (
        (meetings["first"], meetings["second"]),
        (meetings["second"], meetings["first"]),
    ):
        response = client.get(compare, {"van": van.pk, "tot": tot.pk})
        assert response.status_code == 200
        assert (response.context["older"], response.context["newer"]) == (
            meetings["first"],
            meetings["second"],
        )
        assert [c.bottleneck_id for c in response.context["changes"]] == [meetings["later"].pk]
    response = client.get(compare, {"van": meetings["second"].pk, "tot": "nu"})
    assert response.context["newer"] is None
    assert [c.bottleneck_id for c in response.context["changes"]] == [meetings["unseen"].pk]


def test_members_compare_without_what_they_may_not_see(client, member, built, meetings):
    client.force_login(member)
    dossier = built["dossier"]
    response = client.get(_url(dossier, "vergelijk/"), {"van": meetings["second"].pk, "tot": "nu"})
    assert response.status_code == 200
    assert response.context["changes"] == []
    assert "Geheim nieuw knelpunt" not in response.content.decode()
    page = client.get(dossier.get_absolute_url())
    assert page.context["changes"] == []
    assert "Geheim nieuw knelpunt" not in page.content.decode()


def test_bad_comparisons_never_answer_500(client, staff, built, meetings, empty):
    client.force_login(staff)
    compare = _url(built["dossier"], "vergelijk/")
    for params in ({}, {"van": "x", "tot": "nu"}, {"van": meetings["first"].pk, "tot": "gisteren"}):
        response = client.get(compare, params)
        assert response.status_code == 302
        assert response["Location"].endswith("#overleg")
    same = {"van": meetings["first"].pk, "tot": meetings["first"].pk}
    assert client.get(compare, same).status_code == 302
    assert client.get(compare, {"van": 999999, "tot": "nu"}).status_code == 404
    # A snapshot of another dossier is not this dossier's.
    other = dossiers.take_snapshot(empty, staff, "Ander overleg", datetime.date(2026, 1, 1))
    assert client.get(compare, {"van": other.pk, "tot": "nu"}).status_code == 404
    assert client.get(compare, {"van": meetings["first"].pk, "tot": other.pk}).status_code == 404


def test_visitors_do_not_compare(client, built, meetings):
    Dossier.objects.filter(pk=built["dossier"].pk).update(public=True)
    response = client.get(
        _url(built["dossier"], "vergelijk/"), {"van": meetings["first"].pk, "tot": "nu"}
    )
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_snapshot_attendees_are_for_staff_and_policy_workers(client, member, staff, built):
    dossiers.take_snapshot(
        built["dossier"], staff, "Overleg", datetime.date(2026, 1, 1), "Mevrouw Janssens, kabinet"
    )
    client.force_login(member)
    assert "Janssens" not in client.get(built["dossier"].get_absolute_url()).content.decode()
    client.force_login(PolicyWorkerFactory())
    assert "Janssens" in client.get(built["dossier"].get_absolute_url()).content.decode()


def test_the_privacy_guard_holds_what_members_and_visitors_read(client, staff, empty):
    client.force_login(staff)
    inss = factories.national_number()
    response = client.post(_url(empty, "adressaten/"), _addressee_data(body=f"OCMW {inss}"))
    assert response.status_code == 400 and "body" in response.context["addressee_form"].errors
    response = client.post(
        _url(empty, "overleg/"), {"meeting": f"Overleg over {inss}", "meeting_on": "2026-01-05"}
    )
    assert response.status_code == 400 and "meeting" in response.context["snapshot_form"].errors
    # A warning (an e-mail address) passes once staff confirm it is not a participant's.
    warned = _addressee_data(body="VDAB beleid@vdab.be")
    response = client.post(_url(empty, "adressaten/"), warned)
    assert response.status_code == 400
    assert "privacy_confirmed" in response.content.decode()
    confirmed = {**warned, "nieuw-privacy_confirmed": "on"}
    assert client.post(_url(empty, "adressaten/"), confirmed).status_code == 302
    assert not Snapshot.objects.exists()
    assert list(Addressee.objects.values_list("body", flat=True)) == ["VDAB beleid@vdab.be"]


def test_a_member_reads_the_public_summary_of_a_public_dossier_not_yet_published(
    client, member, staff, reporter
):
    hidden = factories.bottleneck(reporter, title="Alleen voor het dossierteam")
    dossier = factories.dossier(staff, bottlenecks=[hidden], public=True, internal_notes=SECRET)
    client.force_login(member)
    response = client.get(dossier.get_absolute_url())
    assert response.status_code == 200
    assert response.templates[0].name == "tracker/dossiers/public.html"
    content = response.content.decode()
    assert hidden.title not in content and SECRET not in content
    assert dossier not in [d for d, _label in client.get(INDEX).context["rows"]]
