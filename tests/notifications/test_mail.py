"""Mail at once: only from tasks, one message per recipient, plain and HTML, unsubscribe headers."""

from django.core import mail as django_mail
from django.core.mail.backends import locmem
from django.utils import timezone

import pytest

from community.models import Post
from notifications import mail, watching
from notifications.models import Frequency, Kind, MailPreference, Notification, WatchLevel
from notifications.tasks import send_immediate_mails
from tests.accounts.factories import MemberFactory, StaffFactory

pytestmark = pytest.mark.django_db


def prefer(user, frequency):
    MailPreference.objects.update_or_create(user=user, defaults={"frequency": frequency})


def to(message):
    return message.to[0]


def test_each_recipient_gets_a_message_of_their_own(forum, space, anja, bram, carla, mailoutbox):
    watchers = MemberFactory.create_batch(3)
    topic = forum.topic(space, anja)
    for member in watchers:
        watching.set_level(member, topic, WatchLevel.WATCHING)
    forum.reply(topic, bram, "@carla.maes, wat denk jij?", mentions=[carla])
    assert sorted(to(m) for m in mailoutbox) == sorted(u.email for u in [anja, carla, *watchers])
    for message in mailoutbox:
        assert len(message.to) == 1
        assert not message.cc and not message.bcc


def test_a_mail_has_plain_text_html_and_one_click_unsubscribe(
    forum, space, anja, bram, mailoutbox, settings
):
    settings.SITE_URL = "https://platform.example.org"
    topic = forum.topic(space, anja)
    forum.reply(topic, bram, "Zie **de regels** op [de site](/kennisbank/).")
    [message] = mailoutbox
    assert message.to == [anja.email]
    assert "de regels" in message.body and "<strong>" not in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "<strong>de regels</strong>" in html
    assert 'href="https://platform.example.org/kennisbank/"' in html
    token = mail.unsubscribe_token(anja)
    url = f"https://platform.example.org/meldingen/afmelden/{token}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body and url in html
    notification = Notification.objects.get(recipient=anja)
    assert f"https://platform.example.org/meldingen/{notification.pk}/" in message.body
    assert notification.emailed_at is not None
    # The rendered message really carries the headers and both parts.
    raw = message.message().as_string()
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in raw
    assert "text/plain" in raw and "text/html" in raw


def test_a_mail_about_a_topic_can_be_answered_by_mail(
    forum, space, anja, bram, mailoutbox, settings
):
    from community.mail_replies import read_reply_token

    settings.REPLY_BY_MAIL_ADDRESS = "forum@platform.example.org"
    topic = forum.topic(space, anja)
    forum.reply(topic, bram)
    [message] = mailoutbox
    [address] = message.reply_to
    assert address.startswith("forum+") and address.endswith("@platform.example.org")
    token = address.split("+", 1)[1].split("@", 1)[0]
    assert read_reply_token(token) == (anja, topic)
    assert message.extra_headers["References"].startswith(f"<topic-{topic.pk}@")


def test_without_a_reply_mailbox_there_is_no_reply_to(
    forum, space, anja, bram, mailoutbox, settings
):
    settings.REPLY_BY_MAIL_ADDRESS = ""
    topic = forum.topic(space, anja)
    forum.reply(topic, bram)
    assert mailoutbox[0].reply_to == []


@pytest.mark.parametrize("frequency", [Frequency.DAILY, Frequency.WEEKLY, Frequency.NEVER])
def test_members_who_chose_a_digest_or_no_mail_get_no_mail_at_once(
    forum, space, anja, bram, mailoutbox, frequency
):
    prefer(anja, frequency)
    topic = forum.topic(space, anja)
    forum.reply(topic, bram)
    assert Notification.objects.filter(recipient=anja, emailed_at__isnull=True).count() == 1
    assert mailoutbox == []


def test_the_default_is_mail_at_once(forum, space, anja, bram, mailoutbox):
    assert not MailPreference.objects.filter(user=anja).exists()
    topic = forum.topic(space, anja)
    forum.reply(topic, bram)
    assert [to(m) for m in mailoutbox] == [anja.email]


def test_reactions_are_not_mailed_at_once(client, forum, space, anja, bram, mailoutbox):
    topic = forum.topic(space, anja)
    client.force_login(bram)
    post = topic.posts.get()
    forum.run(client.post, f"/forum/p/{post.pk}/reactie/", {"kind": "duim", "state": "on"})
    assert Notification.objects.filter(recipient=anja, kind=Kind.REACTION).exists()
    assert mailoutbox == []


def test_a_notification_read_before_the_mail_goes_is_not_mailed(forum, space, anja, bram):
    topic = forum.topic(space, anja)
    prefer(anja, Frequency.NEVER)
    post = forum.reply(topic, bram)
    prefer(anja, Frequency.IMMEDIATELY)
    notification = Notification.objects.get(recipient=anja)
    notification.read_at = timezone.now()
    notification.save()
    result = send_immediate_mails.call(notification.content_type_id, post.pk)
    assert result == 0
    assert django_mail.outbox == []


def test_a_second_run_of_the_mail_task_sends_nothing_twice(forum, space, anja, bram, mailoutbox):
    topic = forum.topic(space, anja)
    post = forum.reply(topic, bram)
    assert len(mailoutbox) == 1
    notification = Notification.objects.get(recipient=anja)
    assert send_immediate_mails.call(notification.content_type_id, post.pk) == 0
    assert len(mailoutbox) == 1


def test_who_left_the_closed_space_before_the_mail_went_gets_none(
    forum, closed_space, region, anja, bram
):
    anja.groups.add(region)
    bram.groups.add(region)
    topic = forum.topic(closed_space, anja)
    prefer(anja, Frequency.NEVER)
    post = forum.reply(topic, bram)
    prefer(anja, Frequency.IMMEDIATELY)
    anja.groups.remove(region)
    notification = Notification.objects.get(recipient=anja)
    assert send_immediate_mails.call(notification.content_type_id, post.pk) == 0
    assert django_mail.outbox == []


def test_a_failing_message_is_left_for_later(forum, space, anja, bram, settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_mail.FailingBackend"
    topic = forum.topic(space, anja)
    forum.reply(topic, bram)
    assert Notification.objects.get(recipient=anja).emailed_at is None


class FailingBackend(locmem.EmailBackend):
    def send_messages(self, messages):
        raise OSError("the mail server is away")


def test_a_moderator_message_is_mailed_without_the_hidden_text(
    forum, space, anja, bram, mailoutbox
):
    import notifications

    topic = forum.topic(space, anja)
    post = forum.reply(topic, bram, "Geheime tekst met een naam.")
    mailoutbox.clear()
    staff = StaffFactory()
    Post.objects.filter(pk=post.pk).update(
        hidden_at=timezone.now(), hidden_reason="Herkenbare deelnemer", hidden_by=staff
    )
    post.refresh_from_db()
    forum.run(notifications.notify, bram, Kind.MODERATION, post, actor=staff)
    [message] = mailoutbox
    assert message.to == [bram.email]
    assert "Herkenbare deelnemer" in message.body
    assert "Geheime tekst" not in message.body
    assert "Geheime tekst" not in message.alternatives[0][0]
    assert message.reply_to == []


def test_mail_is_sent_from_a_task_after_the_commit(space, anja, bram, mailoutbox):
    """Without the commit (the callbacks never run) nothing is sent."""
    from community import posting

    topic = posting.start_topic(space, anja, "Vraag", "Tekst")
    posting.reply(topic, bram, "Antwoord")
    assert mailoutbox == []
    assert not Notification.objects.exists()
