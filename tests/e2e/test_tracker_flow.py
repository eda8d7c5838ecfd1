"""The bottleneck tracker in a real Chromium: a member reports, sees a similar bottleneck
offered, files anyway; SAM staff accept it; the member finds the change in notifications.

Locators use field names, classes and URLs rather than the interface's texts, so the test
holds before and after the tracker's translations are merged.
"""

import re

import pytest

from notifications.models import Notification
from tests.accounts.factories import MemberFactory, StaffFactory
from tests.e2e.test_forum_flow import log_in, watch
from tests.knowledge import factories as knowledge_factories
from tests.tracker import factories
from tracker.models import Bottleneck

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_member_reports_sees_a_similar_one_and_hears_that_staff_accepted_it(
    site_tree, live_server, browser, page
):
    member = MemberFactory(first_name="Anja", last_name="Peeters", email="anja@voorbeeld.be")
    staff = StaffFactory(email="sam@voorbeeld.be")
    knowledge_factories.theme("kinderopvang", "Kinderopvang")
    factories.body("Opgroeien / Kind en Gezin")
    similar = factories.bottleneck(
        MemberFactory(),
        title="Geen kinderopvang tijdens een VDAB-opleiding",
        situation="De opvang heeft pas plaats na de start van de opleiding.",
        index=True,
    )
    problems = []
    watch(page, problems)

    log_in(page, live_server.url, member.email)
    page.goto(live_server.url + "/knelpunten/melden/")
    steps = page.locator(".tracker-step")
    expect(steps.nth(0)).to_be_visible()
    expect(steps.nth(1)).to_be_hidden()  # the script shows one step at a time

    page.locator("[name=title]").fill("Kinderopvang ontbreekt bij een opleiding")
    live = page.locator(".tracker-live-similar")
    expect(live).to_be_visible()
    expect(live.locator(f'a[href="{similar.get_absolute_url()}"]')).to_be_visible()
    page.locator("[name=situation]").fill(
        "Een moeder van twee kleuters vindt geen opvang voor de eerste weken van haar opleiding."
    )
    next_step = page.locator(".tracker-step-nav .button:not(.button--secondary)")
    next_step.click()
    page.locator("input[name=kind][value=risicogroep]").check()
    page.locator("input[name=themes]").first.check()
    page.locator("input[name=level][value=vlaams]").check()
    next_step.click()
    page.locator("[name=region]").select_option("limburg")
    page.locator("input[name=frequency][value=maandelijks]").check()
    next_step.click()
    page.locator(".form__actions button[type=submit]").click()

    # The server offers the similar bottleneck before filing; the member files anyway.
    expect(page.locator(f'.tracker-similar a[href="{similar.get_absolute_url()}"]')).to_be_visible()
    assert Bottleneck.objects.count() == 1
    page.locator(".tracker-step-nav .button:not(.button--secondary)").last.click()
    page.locator(".tracker-step-nav .button:not(.button--secondary)").last.click()
    page.locator(".tracker-step-nav .button:not(.button--secondary)").last.click()
    page.locator(".form__actions button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/knelpunten/\d+/gemeld/$"))
    reported = Bottleneck.objects.exclude(pk=similar.pk).get()
    assert reported.reporter == member and reported.status == "gemeld"

    # SAM staff accept it, in another browser context.
    context = browser.new_context()
    staff_page = context.new_page()
    watch(staff_page, problems)
    log_in(staff_page, live_server.url, staff.email)
    staff_page.goto(live_server.url + reported.get_absolute_url())
    staff_page.locator("form[action$='/status/'] [name=status]").select_option("in-behandeling")
    staff_page.locator("form[action$='/status/'] [name=reason]").fill(
        "Herkenbaar, we nemen het op."
    )
    staff_page.locator("form[action$='/status/'] button[type=submit]").click()
    expect(staff_page.locator(".status--in-behandeling").first).to_be_visible()
    context.close()

    # The member hears of it.
    assert Notification.objects.filter(recipient=member, kind="tracker").exists()
    page.goto(live_server.url + "/meldingen/")
    page.get_by_role("link", name=re.compile("Kinderopvang ontbreekt bij een opleiding")).click()
    expect(page).to_have_url(re.compile(re.escape(reported.get_absolute_url()) + "$"))
    expect(page.locator(".bottleneck-meta .status--in-behandeling")).to_be_visible()
    assert problems == []
