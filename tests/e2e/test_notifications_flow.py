"""Notifications in a real Chromium: a member is mentioned, sees the counter, opens the
notification and replies.

Anja mentions Bram in a reply to Carla's topic. Bram logs in: the header shows one unread
notification; he opens /meldingen/, opens the notification with the keyboard, lands on
Anja's post and answers it. The counter is gone, and Anja (who watches the topic since she
replied) hears of his answer. Locators lean on test ids, roles and names rather than on the
notifications' own texts, so the test holds before and after their translations are merged.
"""

import re

from django.core import mail

import pytest

from notifications.models import Kind, Notification
from tests.accounts.factories import MemberFactory
from tests.community import factories
from tests.e2e.test_forum_flow import log_in, watch

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Leefloon en een opleiding bij VDAB"
MENTION = "@bram.claes, weet jij hoe jullie OCMW dat aanpakt?"


def test_a_mentioned_member_sees_the_counter_opens_the_notification_and_replies(
    site_tree, live_server, browser, page
):
    anja = MemberFactory(
        username="anja.peeters", first_name="Anja", last_name="Peeters", email="anja@voorbeeld.be"
    )
    bram = MemberFactory(
        username="bram.claes", first_name="Bram", last_name="Claes", email="bram@voorbeeld.be"
    )
    carla = MemberFactory(username="carla.maes", first_name="Carla", last_name="Maes")
    space = factories.space(name="Leefloon en werk", slug="leefloon-en-werk")
    topic = factories.topic(space, carla, title=TITLE, body="Mag dat, naast een leefloon?")
    mail.outbox.clear()

    problems = []
    watch(page, problems)

    # Anja mentions Bram in her reply.
    log_in(page, live_server.url, anja.email)
    page.goto(live_server.url + topic.get_absolute_url())
    page.wait_for_load_state("domcontentloaded")
    page.locator(".reply textarea[name=body]").fill(MENTION)
    page.get_by_role("button", name="Reactie plaatsen").click()
    expect(page).to_have_url(re.compile(r"#post-2$"))
    expect(page.locator("#post-2 .post__body")).to_contain_text("@bram.claes")
    # Replying made her watch the topic: the selector on the page says so.
    expect(page.locator("#watch-topic-watching")).to_be_checked()

    notification = Notification.objects.get(recipient=bram)
    assert notification.kind == Kind.MENTIONED
    # His mail: his alone, with the one-click unsubscribe.
    [message] = [m for m in mail.outbox if m.to == [bram.email]]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    bram_context = browser.new_context(locale="nl-BE")
    try:
        bram_page = bram_context.new_page()
        bram_page.set_default_timeout(15_000)
        watch(bram_page, problems)
        log_in(bram_page, live_server.url, bram.email)

        # The counter in the header, next to his name.
        counter = bram_page.get_by_test_id("notification-count")
        expect(counter).to_have_text("1")
        bram_page.get_by_test_id("notifications-link").click()
        expect(bram_page).to_have_url(re.compile(r"/meldingen/$"))
        items = bram_page.get_by_test_id("notification-list").get_by_role("listitem")
        expect(items).to_have_count(1)
        item = items.first
        expect(item).to_contain_text("Anja Peeters")
        expect(item).to_contain_text(TITLE)
        expect(item).to_contain_text("weet jij hoe jullie OCMW dat aanpakt")
        expect(item.locator(".badge--new")).to_have_text("nieuw")

        # With the keyboard: focus the notification's link and press Enter.
        link = item.get_by_role("link", name=re.compile("Anja Peeters"))
        link.focus()
        expect(link).to_be_focused()
        bram_page.keyboard.press("Enter")

        # He lands on Anja's post.
        expect(bram_page).to_have_url(re.compile(rf"/forum/t/{topic.pk}-[\w-]+/#post-2$"))
        post = bram_page.locator("#post-2")
        expect(post.locator(".post__author")).to_have_text("Anja Peeters")
        expect(post).to_be_in_viewport()
        expect(bram_page.get_by_test_id("notification-count")).to_have_count(0)

        # And replies.
        bram_page.wait_for_load_state("domcontentloaded")
        bram_page.locator(".reply textarea[name=body]").fill(
            "Bij ons mag het, Anja, als de opleiding in het GPMI staat."
        )
        bram_page.get_by_role("button", name="Reactie plaatsen").click()
        expect(bram_page).to_have_url(re.compile(r"#post-3$"))
        expect(bram_page.locator("#post-3 .post__author")).to_have_text("Bram Claes")
    finally:
        bram_context.close()

    notification.refresh_from_db()
    assert notification.read_at is not None
    assert Notification.objects.get(recipient=anja).kind == Kind.WATCHED
    assert set(Notification.objects.filter(recipient=carla).values_list("kind", flat=True)) == {
        Kind.REPLIED
    }

    # Anja sees his answer counted in her header.
    page.reload()
    expect(page.get_by_test_id("notification-count")).to_have_text("1")
    assert not problems, problems
