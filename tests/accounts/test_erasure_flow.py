"""Deleting an account: the member's request with a cooling-off period, and SAM staff's erasure."""

import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts import deletion, personal_data
from accounts.models import ErasureLog, ErasureRequest, RetentionSettings
from accounts.personal_data import Holding

from .factories import PASSWORD, MemberFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

DELETE = "/accounts/profiel/verwijderen/"
CANCEL = "/accounts/profiel/verwijderen/annuleren/"


@pytest.fixture
def erased_with(monkeypatch):
    """A holding that records the options each erasure passes on."""
    personal_data.discover()
    calls = []

    def erase(user, options):
        calls.append((user.pk, options))
        return 0

    holding = Holding(key="testspy.spy", label="Spy", purpose="", retention="", erase=erase)
    monkeypatch.setitem(personal_data._holdings, holding.key, holding)
    return calls


def exists(user) -> bool:
    return get_user_model().objects.filter(pk=user.pk).exists()


def test_the_page_explains_without_a_fresh_login(client):
    client.force_login(MemberFactory())
    response = client.get(DELETE)
    assert response.status_code == 200
    assert b'name="remove_posts"' in response.content
    assert b'class="button button--danger"' in response.content


def test_a_visitor_is_sent_to_the_login(client):
    response = client.get(DELETE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_confirming_needs_a_fresh_login(client):
    client.force_login(MemberFactory())
    response = client.post(DELETE, {"remove_posts": "on"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not ErasureRequest.objects.exists()


def _ask_for_deletion(client, member):
    """What a member does: ask, then log in again when asked to (the answer of that login)."""
    client.force_login(member)
    client.post(DELETE, {"remove_posts": "on"})
    return client.post(
        reverse("account_reauthenticate") + f"?next={DELETE}",
        {"password": PASSWORD, "next": DELETE},
    )


def test_after_the_fresh_login_the_deletion_is_planned_and_mailed(
    client, django_capture_on_commit_callbacks
):
    member = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask_for_deletion(client, member)
    assert response.status_code == 302
    erasure_request = ErasureRequest.objects.get(user=member)
    assert erasure_request.remove_posts is True
    days = RetentionSettings.load().erasure_cooling_off_days
    expected = timezone.now() + timedelta(days=days)
    assert abs(erasure_request.erase_after - expected) < timedelta(minutes=1)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert CANCEL in mail.outbox[0].body
    assert exists(member)


def test_the_banner_shows_the_date_and_the_way_back():
    member = MemberFactory()
    deletion.request_deletion(member)
    request = RequestFactory().get("/")
    request.user = member
    html = render_to_string("accounts/includes/deletion_banner.html", request=request)
    assert 'data-testid="deletion-banner"' in html
    assert CANCEL in html


def test_no_banner_without_a_request():
    request = RequestFactory().get("/")
    request.user = MemberFactory()
    html = render_to_string("accounts/includes/deletion_banner.html", request=request)
    assert "deletion-banner" not in html


def test_the_profile_shows_the_planned_deletion(client):
    member = MemberFactory()
    deletion.request_deletion(member)
    client.force_login(member)
    page = client.get("/accounts/profiel/").content.decode()
    assert f'href="{CANCEL}"' in page
    assert f'href="{DELETE}"' not in page


def test_cancelling_asks_before_it_cancels(client):
    member = MemberFactory()
    deletion.request_deletion(member)
    client.force_login(member)
    assert client.get(CANCEL).status_code == 200
    assert ErasureRequest.objects.filter(user=member).exists()
    response = client.post(CANCEL)
    assert response.status_code == 302
    assert not ErasureRequest.objects.filter(user=member).exists()


def test_nothing_happens_before_the_cooling_off_period_ends(erased_with):
    member = MemberFactory()
    deletion.request_deletion(member)
    call_command("process_account_erasures", stdout=io.StringIO())
    assert exists(member)
    assert erased_with == []


def test_after_the_period_the_account_goes_with_a_goodbye_first(erased_with):
    member = MemberFactory()
    other = MemberFactory()
    ErasureRequest.objects.create(
        user=member, erase_after=timezone.now() - timedelta(minutes=1), remove_posts=True
    )
    address = member.email
    call_command("process_account_erasures", stdout=io.StringIO())
    assert not exists(member)
    assert exists(other)
    assert [m.to for m in mail.outbox] == [[address]]
    log = ErasureLog.objects.get()
    assert log.reason == ErasureLog.Reason.OWN_REQUEST
    assert address not in str(log.counts)
    assert erased_with == [(member.pk, personal_data.ErasureOptions(remove_posts=True))]
    # A second run finds nothing: no second mail, no second log.
    call_command("process_account_erasures", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert ErasureLog.objects.count() == 1


def test_when_the_goodbye_cannot_be_sent_the_account_waits(monkeypatch):
    member = MemberFactory()
    ErasureRequest.objects.create(user=member, erase_after=timezone.now() - timedelta(minutes=1))

    def broken(*args, **kwargs):
        raise OSError("mail server away")

    monkeypatch.setattr(deletion.mail, "send", broken)
    assert deletion.process_due() == 0
    assert exists(member)


# SAM staff --------------------------------------------------------------------------------------


def erase_url(user) -> str:
    return reverse("personal_data_admin:erase", args=[user.pk])


def test_staff_confirm_before_erasing(client):
    target = MemberFactory()
    client.force_login(StaffFactory())
    assert client.get(erase_url(target)).status_code == 200
    response = client.post(erase_url(target), {})
    assert response.status_code == 200
    assert exists(target)


def test_staff_erase_at_once_without_a_mail(client, erased_with):
    target = MemberFactory()
    client.force_login(StaffFactory())
    response = client.post(erase_url(target), {"confirm": "on"})
    assert response.status_code == 302
    assert not exists(target)
    assert ErasureLog.objects.get().reason == ErasureLog.Reason.STAFF
    assert mail.outbox == []
    assert erased_with == [(target.pk, personal_data.ErasureOptions(remove_posts=False))]


def test_staff_find_an_account_by_email(client):
    target = MemberFactory(email="Iemand@Voorbeeld.be")
    client.force_login(StaffFactory())
    response = client.get(reverse("personal_data_admin:find"), {"email": "iemand@voorbeeld.be"})
    assert response.status_code == 302
    assert response["Location"] == erase_url(target)


def test_staff_cannot_erase_staff_but_a_superuser_can(client):
    colleague = StaffFactory()
    client.force_login(StaffFactory())
    # The admin turns a refusal into a redirect to its home page with a message.
    assert client.get(erase_url(colleague)).status_code in (302, 403)
    assert client.post(erase_url(colleague), {"confirm": "on"}).status_code in (302, 403)
    assert exists(colleague)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.post(erase_url(colleague), {"confirm": "on"}).status_code == 302
    assert not exists(colleague)


def test_nobody_erases_themselves_here(client):
    staff = StaffFactory()
    client.force_login(staff)
    assert client.post(erase_url(staff), {"confirm": "on"}).status_code in (302, 403)
    assert exists(staff)


def test_members_cannot_erase(client):
    target = MemberFactory()
    client.force_login(MemberFactory())
    response = client.post(erase_url(target), {"confirm": "on"})
    assert response.status_code in (302, 403)
    assert exists(target)


def test_the_processing_register_lists_every_holding_and_the_periods(client):
    client.force_login(StaffFactory())
    response = client.get(reverse("personal_data_admin:register"))
    assert response.status_code == 200
    page = response.content.decode()
    for holding in personal_data.holdings():
        assert f'data-holding="{holding.key}"' in page
    periods = RetentionSettings.load()
    assert f"<td>{periods.erasure_cooling_off_days}</td>" in page


def test_members_do_not_see_the_processing_register(client):
    client.force_login(MemberFactory())
    response = client.get(reverse("personal_data_admin:register"))
    assert response.status_code in (302, 403)


def test_the_banner_costs_no_query(django_assert_num_queries):
    from accounts.backends import MemberModelBackend
    from accounts.context_processors import _pending_deletion

    planned, unplanned = MemberFactory(), MemberFactory()
    deletion.request_deletion(planned)
    loaded = MemberModelBackend().get_user(planned.pk)
    loaded_without = MemberModelBackend().get_user(unplanned.pk)
    with django_assert_num_queries(0):
        assert _pending_deletion(loaded).user_id == planned.pk
        assert _pending_deletion(loaded_without) is False


def test_the_register_names_every_relation_through_a_translated_label():
    """No name Django derives from the code (English): the model or our map translates each."""
    from django.apps import apps
    from django.utils.functional import Promise

    from accounts import personal_data_admin as register

    personal_data.discover()
    for dotted in personal_data.covered_relations():
        app_label, model_name, field_name = dotted.split(".")
        model = apps.get_model(app_label, model_name)
        assert isinstance(model._meta.verbose_name, Promise) or (
            model._meta.label in register.MODEL_LABELS
        ), f"{dotted}: model name untranslated"
        field = model._meta.get_field(field_name)
        assert isinstance(field.verbose_name, Promise) or (field.name in register.FIELD_LABELS), (
            f"{dotted}: field name untranslated"
        )
    assert register._model_label("tracker.Message.author") == "{} ({})".format(
        str(register.MODEL_LABELS["tracker.Message"]).capitalize(),
        register.FIELD_LABELS["author"],
    )
    assert register._model_label("wagtailcore.UploadedFile.uploaded_by_user") == "{} ({})".format(
        str(register.MODEL_LABELS["wagtailcore.UploadedFile"]).capitalize(),
        register.FIELD_LABELS["uploaded_by_user"],
    )
    # A label the model translates itself stays.
    assert register._model_label("community.Post.author").startswith("Bericht")


def test_the_register_tables_scroll_in_a_focusable_region(client):
    client.force_login(StaffFactory())
    page = client.get(reverse("personal_data_admin:register")).content.decode()
    assert 'class="register-table" role="region" tabindex="0"' in page
    assert "vertical-align: top" in page


def test_after_asking_the_profile_says_it_without_a_flash_message(
    client, django_capture_on_commit_callbacks
):
    """Banner and section, not a third time as a message."""
    member = MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _ask_for_deletion(client, member)
    assert ErasureRequest.objects.filter(user=member).exists()
    response = client.get("/accounts/profiel/")
    assert list(response.context["messages"]) == []
    page = response.content.decode()
    assert page.count('data-testid="deletion-banner"') == 1
    assert page.count(f'href="{CANCEL}"') == 2


def test_the_cancel_page_has_no_banner_pointing_to_itself(client):
    member = MemberFactory()
    deletion.request_deletion(member)
    client.force_login(member)
    assert 'data-testid="deletion-banner"' not in client.get(CANCEL).content.decode()
    assert 'data-testid="deletion-banner"' in client.get("/accounts/profiel/").content.decode()
