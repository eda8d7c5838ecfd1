"""One of everything the platform holds about a member, for the export and erasure tests.

``everything`` (a pytest fixture; use it through ``from tests.accounts.personal_data_fixtures
import everything  # noqa: F401`` or ``pytest_plugins``) builds, for one member, a row of every
kind of personal data the apps declare in their ``personal_data`` modules, plus what others did
that involves them, and returns a ``SimpleNamespace`` with the objects a test needs.

``user_relations()`` lists every concrete relation to the user model in every installed app, as
``(label, model, field name)``: the completeness test and the erasure test walk the same list.
"""

from __future__ import annotations

import datetime
import io
from types import SimpleNamespace

from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest
from PIL import Image

from tests.accounts.factories import MemberFactory, StaffFactory

FULL_NAME = ("Griet", "Zwanepoel-Testlid")
EMAIL = "griet.zwanepoel@voorbeeld.be"


def user_relations() -> list[tuple[str, type, str]]:
    """Every concrete FK, one-to-one and many-to-many to the user model, where it is declared
    (a page type's ``owner`` is ``wagtailcore.Page.owner``, once)."""
    user_model = get_user_model()
    found = {}
    for model in apps.get_models(include_auto_created=False):
        for field in model._meta.get_fields(include_hidden=True):
            declared_here = field.concrete or field.many_to_many
            if not field.is_relation or field.auto_created or not declared_here:
                continue
            if field.related_model is not user_model:
                continue
            declared = field.model
            if declared._meta.abstract or declared._meta.proxy:
                continue
            label = f"{declared._meta.app_label}.{declared.__name__}.{field.name}"
            found[label] = (label, declared, field.name)
    return sorted(found.values())


def png_upload(name="verslag.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 40)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def build_everything():
    """The rows; call inside a test with the database and the site tree (``site_tree``)."""
    from django.contrib.sessions.backends.db import SessionStore

    from wagtail.log_actions import log
    from wagtail.models import PageSubscription
    from wagtail.users.models import UserProfile

    from accounts.models import DataExport, ErasureRequest, Region
    from community import attachments, posting
    from community.models import (
        Draft,
        Flag,
        FlagReason,
        ModerationAction,
        Post,
        Reaction,
        Sanction,
    )
    from knowledge import registrations
    from knowledge.models import PersonalCalendarFeed, Registration, RegistrationStatus
    from knowledge.models.activities import RegistrationQuestion
    from notifications import watching
    from notifications.delivery import notify
    from notifications.models import Kind, MailPreference, WatchLevel
    from search.indexing import index_now
    from tests.community import factories as forum
    from tests.knowledge import factories as knowledge
    from tests.tracker import factories as tracker_factories
    from tracker import actions as tracker_actions
    from tracker import api as tracker_api
    from tracker.models import Attachment as TrackerAttachment
    from tracker.models import OrganisationType, SavedFilter

    member = MemberFactory(first_name=FULL_NAME[0], last_name=FULL_NAME[1], email=EMAIL)
    other = MemberFactory(first_name="Pieter", last_name="Anderlid")
    waiting = MemberFactory(first_name="Wout", last_name="Wachtlijst")
    staff = StaffFactory(first_name="Sam", last_name="Medewerker")

    # Forum: their topic with a reply by someone else that mentions them, and their own reply
    # with a file; a reaction, a draft, a flag, a sanction.
    space = forum.space()
    topic = forum.topic(
        space,
        member,
        title="Ervaringen met trajectbegeleiding",
        body="Wie heeft hier ervaring mee?",
    )
    mention_reply = posting.reply(
        topic,
        other,
        f"Goede vraag @{member.username}, wij doen dat zo.",
        mentions=[member],
    )
    own_reply = posting.reply(
        topic,
        member,
        "Bedankt, dat helpt!",
        attachments=[attachments.check(png_upload())],
    )
    topic.refresh_from_db()
    index_now(list(topic.posts.select_related("topic__space")))
    Reaction.objects.create(post=mention_reply, user=member, kind="duim")
    Draft.objects.create(user=member, space=space, title="Nog een vraag", body="Half getypt")
    Flag.objects.create(post=mention_reply, reporter=member, reason=FlagReason.OTHER, note="?")
    Sanction.objects.create(
        user=member,
        kind=Sanction.Kind.SILENCE,
        reason="Even afkoelen.",
        ends_at=timezone.now() - datetime.timedelta(days=1),
        created_by=staff,
    )
    ModerationAction.objects.create(
        actor=staff, action=ModerationAction.Kind.SILENCE, member=member, reason="Even afkoelen."
    )

    # Notifications both ways, a watch, mail preferences.
    received = notify(member, Kind.MENTIONED, mention_reply, actor=other)
    caused = notify(other, Kind.REACTION, mention_reply, actor=member, data={"emoji": ["👍"]})
    watching.set_level(member, topic, WatchLevel.WATCHING)
    MailPreference.objects.create(user=member, frequency="daily")

    # Learning activities: a past one, and a full future one with someone on the waiting list.
    past = knowledge.activity(starts_in=-datetime.timedelta(days=20), title="Voorbije vorming")
    Registration.objects.create(activity=past, user=member, status=RegistrationStatus.REGISTERED)
    future = knowledge.activity(capacity=1, title="Komende vorming")
    question = RegistrationQuestion.objects.create(activity=future, text="Dieetwensen?")
    registrations.register(future, member, {question.pk: "Vegetarisch"})
    registrations.register(future, waiting)
    PersonalCalendarFeed.objects.create(user=member)
    product = knowledge.product(review_owner=member)

    # Bottleneck tracker: their report with a file and a message, a confirmation on someone
    # else's bottleneck, a follow, a saved filter, an API key.
    own_bottleneck = tracker_factories.bottleneck(member, index=True)
    tracker_file = TrackerAttachment(
        bottleneck=own_bottleneck, uploader=member, name="brief.pdf", content_type="application/pdf"
    )
    tracker_file.file.save("upload", ContentFile(b"%PDF-1.4 bewijs"), save=False)
    tracker_file.save()
    tracker_actions.write_message(own_bottleneck, member, "Meer uitleg volgt.", from_staff=False)
    others_bottleneck = tracker_factories.bottleneck(other, index=True)
    tracker_factories.confirmation(
        member,
        others_bottleneck,
        region=Region.WEST_VLAANDEREN,
        organisation_type=OrganisationType.choices[0][0],
    )
    tracker_actions.follow(member, others_bottleneck)
    SavedFilter.objects.create(owner=member, name="Mijn regio", query="regio=limburg")
    tracker_api.make_token(member, "Mijn script")

    # Accounts, the admin and the CMS.
    DataExport.objects.create(user=member, token="export-token-everything")
    ErasureRequest.objects.create(
        user=member, erase_after=timezone.now() + datetime.timedelta(days=14)
    )
    LogEntry.objects.create(
        user=member,
        content_type=ContentType.objects.get_for_model(get_user_model()),
        object_id=str(member.pk),
        object_repr=str(member),
        action_flag=CHANGE,
        change_message="Profiel bijgewerkt",
    )
    log(instance=member, action="wagtail.edit", user=staff)  # about them, with their name
    UserProfile.get_for_user(member)
    PageSubscription.objects.create(page=past, user=member, comment_notifications=True)
    past.save_revision(user=member)
    session = SessionStore()
    session["_auth_user_id"] = str(member.pk)
    session.create()

    return SimpleNamespace(
        member=member,
        other=other,
        waiting=waiting,
        staff=staff,
        space=space,
        topic=topic,
        mention_reply=mention_reply,
        own_reply=own_reply,
        forum_files=[
            (attachment.file.storage, name)
            for attachment in own_reply.attachments.all()
            for name in (attachment.file.name, attachment.thumbnail.name)
            if name
        ],
        received=received,
        caused=caused,
        past=past,
        future=future,
        product=product,
        own_bottleneck=own_bottleneck,
        tracker_file=tracker_file,
        others_bottleneck=others_bottleneck,
        session_key=session.session_key,
        post_model=Post,
    )


@pytest.fixture
def everything(site_tree):
    return build_everything()
