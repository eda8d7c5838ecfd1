"""The read-only JSON API and its keys: made (shown once, only a hash kept), used, revoked,
refused when wrong or when the user lost the role; pages, filters, anonymity and a constant
number of queries."""

import datetime
import hashlib
import json
import re

from django.conf import settings
from django.contrib.auth.models import Group
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts import access as accounts_access
from accounts import roles
from tests.accounts.factories import MemberFactory, PendingUserFactory
from tests.knowledge import factories as knowledge_factories
from tracker import api, dossiers
from tracker.models import ApiToken, Bottleneck, Tag

from . import factories

pytestmark = pytest.mark.django_db

TOKENS = "/knelpunten/api-sleutels/"
LIST = "/api/v1/knelpunten/"
DOSSIERS = "/api/v1/dossiers/"


def _key(user, name="Dashboard") -> str:
    return api.make_token(user, name)[1]


def _get(client, path, key, scheme="Bearer", **params):
    return client.get(path, params, HTTP_AUTHORIZATION=f"{scheme} {key}")


@pytest.fixture
def key(policy_worker):
    return _key(policy_worker)


# --- the keys page -----------------------------------------------------------------------------


def test_visitor_goes_to_the_login(client):
    response = client.get(TOKENS)
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


@pytest.mark.parametrize("who", ["member", "pending"])
def test_members_without_the_role_are_refused(client, who):
    user = MemberFactory() if who == "member" else PendingUserFactory()
    client.force_login(user)
    response = client.get(TOKENS)
    assert response.status_code == 403
    assert client.post(TOKENS, {"name": "Stiekem"}).status_code == 403
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("who", ["policy_worker", "staff"])
def test_policy_workers_and_staff_reach_the_page(client, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(TOKENS)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_profile_links_to_the_keys_for_policy_workers_only(client, policy_worker, member):
    client.force_login(policy_worker)
    assert TOKENS in _profile(client)
    client.force_login(member)
    assert TOKENS not in _profile(client)


def _profile(client) -> str:
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_key_is_shown_once_and_only_its_hash_kept(client, policy_worker):
    client.force_login(policy_worker)
    response = client.post(TOKENS, {"name": "Power BI"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    shown = re.search(r'value="(kp_[A-Za-z0-9_-]{40,})"', page).group(1)
    # Without JavaScript: a read-only field to select; the copy button waits for the script.
    assert re.search(r'<input[^>]*readonly[^>]*value="kp_', page)
    assert re.search(r'<button[^>]*data-copy="new-key"[^>]*hidden', page)
    assert "tracker/api_tokens.js" in page
    token = ApiToken.objects.get(user=policy_worker)
    assert token.name == "Power BI"
    assert token.key_hash == hashlib.sha256(shown.encode()).hexdigest()
    assert token.prefix == shown[:10]
    stored = json.dumps(list(ApiToken.objects.values()), default=str)
    assert shown not in stored
    # Never again: not on the page, not in a message after a reload.
    assert shown not in client.get(TOKENS).content.decode()
    assert token.prefix in client.get(TOKENS).content.decode()
    # And it works.
    assert _get(client, LIST, shown).status_code == 200


def test_a_key_needs_a_name(client, policy_worker):
    client.force_login(policy_worker)
    response = client.post(TOKENS, {"name": "  "})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_active_keys_are_limited(client, policy_worker):
    client.force_login(policy_worker)
    for number in range(api.MAX_ACTIVE_KEYS):
        _key(policy_worker, f"Sleutel {number}")
    response = client.post(TOKENS, {"name": "Eén te veel"})
    assert response.status_code == 400
    assert not re.search(r'value="kp_', response.content.decode())
    assert ApiToken.objects.filter(user=policy_worker).count() == api.MAX_ACTIVE_KEYS
    # A revoked key makes room.
    token = ApiToken.objects.filter(user=policy_worker).first()
    client.post(f"{TOKENS}{token.pk}/intrekken/")
    assert client.post(TOKENS, {"name": "Nu wel"}).status_code == 200
    assert ApiToken.objects.filter(user=policy_worker, revoked_at__isnull=True).count() == 10


def test_revoking_asks_first_then_the_key_stops_working(client, policy_worker, key):
    token = ApiToken.objects.get(user=policy_worker)
    client.force_login(policy_worker)
    url = f"{TOKENS}{token.pk}/intrekken/"
    response = client.get(url)
    assert response.status_code == 200
    assert f'action="{url}"' in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None
    response = client.post(url)
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()
    response = _get(client, LIST, key)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["error"]


def test_another_users_key_cannot_be_revoked(client, policy_worker, staff):
    token = api.make_token(staff, "Van iemand anders")[0]
    client.force_login(policy_worker)
    url = f"{TOKENS}{token.pk}/intrekken/"
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


# --- authentication ----------------------------------------------------------------------------


def test_key_with_token_scheme_and_last_used(client, policy_worker, key):
    response = _get(client, LIST, key, scheme="Token")
    assert response.status_code == 200
    assert set(response["Cache-Control"].replace(" ", "").split(",")) == {"private", "no-store"}
    assert "Set-Cookie" not in response.headers and not response.cookies
    token = ApiToken.objects.get(user=policy_worker)
    assert token.last_used_at is not None


def test_last_used_is_written_at_most_once_a_minute(client, policy_worker, key):
    token = ApiToken.objects.get(user=policy_worker)
    recent = timezone.now() - datetime.timedelta(seconds=20)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=recent)
    assert _get(client, LIST, key).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == recent
    old = timezone.now() - datetime.timedelta(minutes=5)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=old)
    assert _get(client, LIST, key).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at > old + datetime.timedelta(minutes=4)


@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer", "Bearer kp_verkeerd", "Basic dXNlcjpwYXNz", "kp_zonder_schema"],
)
def test_missing_or_wrong_key_is_refused(client, key, header):
    extra = {} if header is None else {"HTTP_AUTHORIZATION": header}
    response = client.get(LIST, **extra)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response["Content-Type"].startswith("application/json")
    assert "no-store" in response["Cache-Control"]
    assert response.json()["error"]


def test_a_session_is_not_enough(client, policy_worker):
    client.force_login(policy_worker)
    assert client.get(LIST).status_code == 401


def test_key_of_someone_who_lost_the_role_is_refused(client, policy_worker, key):
    assert _get(client, LIST, key).status_code == 200
    policy_worker.groups.remove(Group.objects.get(name=roles.POLICY_WORKER))
    roles.add_to_group(policy_worker, roles.MEMBER)
    accounts_access.forget(policy_worker)
    response = _get(client, LIST, key)
    assert response.status_code == 403
    assert response.json()["error"]


def test_key_of_an_inactive_account_is_refused(client, policy_worker, key):
    policy_worker.is_active = False
    policy_worker.save(update_fields=["is_active"])
    assert _get(client, LIST, key).status_code == 401


def test_key_of_a_plain_member_is_refused(client, member):
    assert _get(client, LIST, _key(member)).status_code == 403


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_get(client, key, method):
    response = getattr(client, method)(LIST, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json()["error"]


def test_the_key_is_never_logged(client, key, caplog):
    with caplog.at_level("DEBUG"):
        _get(client, LIST, key)
        _get(client, "/api/v1/knelpunten/999999/", key)
        client.post(LIST, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert key not in caplog.text


# --- bottlenecks -------------------------------------------------------------------------------


def test_pages(client, reporter, key):
    made = [factories.bottleneck(reporter) for _ in range(7)]
    response = _get(client, LIST, key, per_pagina=3)
    data = response.json()
    assert data["count"] == 7
    assert [row["id"] for row in data["results"]] == [b.pk for b in reversed(made)][:3]
    assert data["previous"] is None
    assert data["next"].startswith(settings.SITE_URL.rstrip("/") + LIST)
    assert "pagina=2" in data["next"] and "per_pagina=3" in data["next"]
    third = _get(client, LIST, key, per_pagina=3, pagina=3).json()
    assert [row["id"] for row in third["results"]] == [made[0].pk]
    assert third["next"] is None
    assert "pagina=2" in third["previous"]
    assert _get(client, LIST, key, per_pagina=3, pagina=4).status_code == 404
    assert _get(client, LIST, key).json()["per_page"] == 50


@pytest.mark.parametrize(
    "params", [{"pagina": "abc"}, {"pagina": "0"}, {"per_pagina": "201"}, {"per_pagina": "0"}]
)
def test_invalid_page_parameters(client, key, params):
    response = _get(client, LIST, key, **params)
    assert response.status_code == 400
    assert set(response.json()["errors"]) <= {"pagina", "per_pagina"}


def test_filters_are_honoured(client, reporter, key):
    care = knowledge_factories.theme("zorg", "Zorg")
    vdab = factories.body("VDAB")
    tag = Tag.objects.create(name="Kinderopvang", slug="kinderopvang")
    west = factories.bottleneck(reporter, region="west-vlaanderen", title="Geen bus")
    themed = factories.bottleneck(reporter, themes=[care], body=vdab, title="Wachtlijst")
    themed.tags.add(tag)
    new = factories.bottleneck(reporter, accepted=False, title="Nieuw gemeld")
    confirmed = factories.bottleneck(reporter, title="Veel bevestigd")
    for _ in range(2):
        factories.confirmation(MemberFactory(), confirmed)
    old = timezone.now() - datetime.timedelta(days=40)
    Bottleneck.objects.filter(pk=west.pk).update(created_at=old)

    def ids(**params):
        response = _get(client, LIST, key, **params)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids(regio="west-vlaanderen") == [west.pk]
    assert ids(thema="zorg") == [themed.pk]
    assert ids(instantie=vdab.pk) == [themed.pk]
    assert ids(label="kinderopvang") == [themed.pk]
    assert ids(status="gemeld") == [new.pk]
    assert set(ids(status=["gemeld", "in-behandeling"])) == {
        west.pk,
        themed.pk,
        new.pk,
        confirmed.pk,
    }
    assert ids(min_bevestigingen=2) == [confirmed.pk]
    assert ids(q="wachtlijst") == [themed.pk]
    assert ids(tot=(timezone.localdate() - datetime.timedelta(days=10)).isoformat()) == [west.pk]
    assert ids(sorteer="oudste")[0] == west.pk
    assert ids(sorteer="bevestigingen")[0] == confirmed.pk
    data = _get(client, LIST, key, regio="west-vlaanderen", per_pagina=1).json()
    assert data["count"] == 1 and data["next"] is None


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "verzonnen"}, "status"),
        ({"van": "gisteren"}, "van"),
        ({"min_bevestigingen": "-1"}, "min_bevestigingen"),
        ({"sorteer": "willekeurig"}, "sorteer"),
        ({"thema": "bestaat-niet"}, "thema"),
    ],
)
def test_invalid_filter_is_a_400_with_the_errors(client, key, params, field):
    response = _get(client, LIST, key, **params)
    assert response.status_code == 400
    data = response.json()
    assert data["error"]
    assert field in data["errors"] and data["errors"][field]


def test_record_shape_and_detail(client, reporter, key):
    bottleneck = factories.bottleneck(reporter, title="Geen opvang")
    factories.confirmation(MemberFactory(), bottleneck, region="limburg", example="Zelfde bij ons.")
    row = _get(client, LIST, key).json()["results"][0]
    assert row["id"] == bottleneck.pk
    assert row["title"] == "Geen opvang"
    assert row["url"].startswith(settings.SITE_URL.rstrip("/"))
    assert row["reported_on"] == timezone.localdate().isoformat()
    assert row["regions"] == {"limburg": {"confirmations": 1, "participants": 3}}
    assert row["confirmations"] == 1
    detail = _get(client, f"{LIST}{bottleneck.pk}/", key)
    assert detail.status_code == 200
    data = detail.json()
    assert data["examples"][0]["text"] == "Zelfde bij ons."
    assert data["organisation_types"][0]["confirmations"] == 1
    assert "no-store" in detail["Cache-Control"]


def test_detail_of_what_one_may_not_see_is_a_json_404(client, reporter, key):
    target = factories.bottleneck(reporter)
    merged = factories.bottleneck(reporter)
    Bottleneck.objects.filter(pk=merged.pk).update(merged_into=target)
    for path in (f"{LIST}{merged.pk}/", f"{LIST}999999/", f"{DOSSIERS}999999/"):
        response = _get(client, path, key)
        assert response.status_code == 404
        assert response.json()["error"]


def test_list_queries_do_not_grow(client, reporter, key, django_assert_max_num_queries):
    tag = Tag.objects.create(name="Wonen", slug="wonen")

    def add(count):
        for _ in range(count):
            made = factories.bottleneck(reporter)
            made.tags.add(tag)
            factories.confirmation(MemberFactory(), made)

    add(2)
    _get(client, LIST, key)  # sets last_used_at
    # Key, membership (2), count, the page's ids, its rows, themes, tags, regions.
    with django_assert_max_num_queries(9):
        assert len(_get(client, LIST, key).json()["results"]) == 2
    add(12)
    with django_assert_max_num_queries(9):
        assert len(_get(client, LIST, key, per_pagina=10).json()["results"]) == 10
    # Plus the theme and the tag of the filter.
    with django_assert_max_num_queries(11):
        assert _get(client, LIST, key, thema="werk", label="wonen").status_code == 200


# --- dossiers ----------------------------------------------------------------------------------


def _dossier(staff, reporter):
    first = factories.bottleneck(reporter, title="Eerste knelpunt")
    second = factories.bottleneck(reporter, title="Tweede knelpunt")
    made = factories.dossier(
        staff,
        bottlenecks=[second, first],
        addressees=[
            {
                "body": "VDAB",
                "contact": "Mevrouw Contactpersoon",
                "sent_on": timezone.localdate() - datetime.timedelta(days=30),
                "due_on": timezone.localdate() - datetime.timedelta(days=2),
            },
            "RIZIV",
        ],
        internal_notes="INTERN-GEHEIM: bel de kabinetschef",
        regulation="Decreet werk en zorg",
    )
    return made, first, second


def test_dossiers_list_and_detail(client, staff, reporter, key):
    made, first, second = _dossier(staff, reporter)
    dossiers.take_snapshot(made, staff, "Overleg VDAB", timezone.localdate(), "Jan Ambtenaar")
    third = factories.bottleneck(reporter, title="Derde knelpunt")
    dossiers.add_bottleneck(made, third, staff, note="Nieuw sinds het overleg.")
    gone = factories.bottleneck(reporter, title="Samengevoegd knelpunt")
    dossiers.add_bottleneck(made, gone, staff)
    Bottleneck.objects.filter(pk=gone.pk).update(merged_into=first)
    data = _get(client, DOSSIERS, key).json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["id"] == made.pk
    assert row["regulation"] == "Decreet werk en zorg"
    assert [item["id"] for item in row["bottlenecks"]] == [second.pk, first.pk, third.pk]
    assert row["addressees"][0]["overdue"] is True
    assert row["addressees"][1]["overdue"] is False
    assert row["snapshots"] == [
        {"meeting": "Overleg VDAB", "meeting_on": timezone.localdate().isoformat()}
    ]
    detail = _get(client, f"{DOSSIERS}{made.pk}/", key).json()
    assert [b["title"] for b in detail["bottlenecks"]] == [
        "Tweede knelpunt",
        "Eerste knelpunt",
        "Derde knelpunt",
    ]
    assert detail["bottlenecks"][2]["note"] == "Nieuw sinds het overleg."
    changes = detail["changes_since_last_meeting"]
    assert changes["meeting"] == "Overleg VDAB"
    assert any(
        change["kind"] == "added" and change["bottleneck_id"] == third.pk
        for change in changes["changes"]
    )


def test_dossier_list_queries_do_not_grow(
    client, staff, reporter, key, django_assert_max_num_queries
):
    _dossier(staff, reporter)
    _get(client, DOSSIERS, key)
    with django_assert_max_num_queries(8):
        assert _get(client, DOSSIERS, key).status_code == 200
    for _ in range(4):
        _dossier(staff, reporter)
    with django_assert_max_num_queries(8):
        assert len(_get(client, DOSSIERS, key).json()["results"]) == 5


def test_nothing_personal_or_internal_leaves(client, staff, reporter, key):
    made, first, _second = _dossier(staff, reporter)
    confirmer = MemberFactory(first_name="Griet", last_name="Vanhoutteghem")
    factories.confirmation(
        confirmer, first, example="Mail griet.vanhoutteghem@ocmw.be of bel 0470 12 34 56."
    )
    dossiers.take_snapshot(made, staff, "Overleg", timezone.localdate(), "Jan Ambtenaar")
    dossiers.record_answer(
        made.addressees.get(body="RIZIV"),
        "Antwoord, vragen aan piet.peeters@riziv.be",
        timezone.localdate(),
        staff,
    )
    people = [reporter, confirmer, staff]
    texts = [
        _get(client, LIST, key).content.decode(),
        _get(client, f"{LIST}{first.pk}/", key).content.decode(),
        _get(client, DOSSIERS, key).content.decode(),
        _get(client, f"{DOSSIERS}{made.pk}/", key).content.decode(),
    ]
    for text in texts:
        for person in people:
            for value in (person.email, person.username, person.first_name, person.last_name):
                assert value not in text
        for secret in (
            "INTERN-GEHEIM",
            "Jan Ambtenaar",
            "Mevrouw Contactpersoon",
            "griet.vanhoutteghem@ocmw.be",
            "piet.peeters@riziv.be",
            "0470 12 34 56",
            "internal_notes",
            "owner",
        ):
            assert secret not in text
