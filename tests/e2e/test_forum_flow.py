"""The forum from start to finish in a real Chromium, as two members use it.

Anja quotes a post with the quote button, starts a topic with that quote and a mention of
Bram (chosen in the @-list with the keyboard), uses the toolbar and the preview, and posts
it. Bram finds it under "Nieuw & ongelezen", reacts with the keyboard and replies; Anja
then sees "1 nieuw" for her topic in the space.

The quote button fills the reply form of the topic it sits in; Anja carries the quote it
made (the Markdown, with the link to the quoted post) over to her new topic.
"""

import re

import pytest

from community.models import Mention, Post, Reaction
from tests.accounts.factories import PASSWORD, MemberFactory
from tests.community import factories

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Studentenjob naast het leefloon"
QUOTED = "Bij ons telt het OCMW de vrijstelling per maand."


def watch(page, problems):
    """Collect console errors, script errors and failed requests of ``page``."""
    page.on(
        "console",
        lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    page.on(
        "requestfailed",
        lambda request: problems.append(f"requestfailed: {request.url} {request.failure}"),
    )


def log_in(page, base_url, email):
    page.goto(base_url + "/")
    page.get_by_role("link", name="Aanmelden").first.click()
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("form.form").get_by_role("button", name="Aanmelden").click()
    page.get_by_test_id("user-name").wait_for()


def is_draft_of(text):
    """A response to the editor's draft save that carried ``text``."""

    def matches(response):
        return "/forum/concept/" in response.url and text in (response.request.post_data or "")

    return matches


def test_a_topic_with_a_quote_and_a_mention_is_found_read_reacted_to_and_answered(
    site_tree, live_server, browser, page
):
    anja = MemberFactory(
        username="anja.peeters", first_name="Anja", last_name="Peeters", email="anja@voorbeeld.be"
    )
    bram = MemberFactory(
        username="bram.claes", first_name="Bram", last_name="Claes", email="bram@voorbeeld.be"
    )
    # A second "br" name, sorted before Bram: the keyboard has to choose.
    MemberFactory(username="brahim.aerts", first_name="Brahim", last_name="Aerts")
    carla = MemberFactory(username="carla.maes", first_name="Carla", last_name="Maes")
    space = factories.space(name="Leefloon en werk", slug="leefloon-en-werk")
    earlier = factories.topic(
        space, carla, title="Vrijstelling bij een studentenjob", body=f"{QUOTED}\nEn bij jullie?"
    )
    quoted_post = earlier.posts.get(number=1)
    permalink = f"/forum/p/{quoted_post.pk}/"

    problems = []
    watch(page, problems)

    # Anja: the quote button on the earlier topic (the script's path, no page load).
    log_in(page, live_server.url, anja.email)
    page.goto(live_server.url + earlier.get_absolute_url())
    reply_box = page.locator(".reply textarea[name=body]")
    page.locator("#post-1").get_by_role("link", name=re.compile("^Citeren")).click()
    quote = (
        rf"\[Carla Maes schreef\]\({re.escape(permalink)}\):\n"
        rf"> {re.escape(QUOTED)}\n> En bij jullie\?\n\n"
    )
    expect(reply_box).to_have_value(re.compile(f"^{quote}$"))
    assert "citeer=" not in page.url
    # The draft of that reply is saved before she leaves (no save is cut off on the way).
    expect(page.locator(".reply .editor__status")).to_have_text(re.compile(r"\d\d:\d\d"))
    quote_markdown = reply_box.input_value()

    # A new topic in the same space.
    page.locator(".breadcrumb").get_by_role("link", name=space.name).click()
    page.get_by_role("link", name="Start een onderwerp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start een onderwerp")
    # The editor's script (deferred) has set up the textarea before anything is typed.
    page.wait_for_load_state("domcontentloaded")
    expect(page.get_by_role("toolbar", name="Opmaak")).to_be_visible()
    page.get_by_label("Titel").fill(TITLE)
    body = page.locator("textarea[name=body]")
    body.fill(quote_markdown)
    body.press("Control+End")
    body.press_sequentially("Herkenbaar. Wat denk jij, @br")

    # The @-list: two names; the arrow key moves to Bram and Enter takes him.
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    expect(options).to_have_count(2)
    expect(options.nth(0)).to_contain_text("Brahim Aerts")
    expect(options.nth(1)).to_contain_text("Bram Claes (@bram.claes)")
    page.keyboard.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    expect(listbox).to_be_hidden()
    expect(body).to_have_value(re.compile(r"Wat denk jij, @bram\.claes $"))

    # The toolbar: select a word and make it bold.
    body.press_sequentially("Het is dringend")
    for _ in "dringend":
        body.press("Shift+ArrowLeft")
    page.get_by_role("toolbar", name="Opmaak").get_by_role("button", name="Vet").click()
    expected_end = "Wat denk jij, @bram.claes Het is **dringend**."
    # The last change is saved as a draft: wait for that save, so none is cut off later.
    with page.expect_response(is_draft_of(expected_end)):
        body.press_sequentially(".")
    expect(body).to_have_value(re.compile(re.escape(expected_end) + "$"))

    # The preview shows the quote, the link to the quoted post and the bold word.
    page.get_by_role("tab", name="Voorbeeld").click()
    preview = page.locator(".editor__preview")
    expect(preview.locator("blockquote")).to_contain_text(QUOTED)
    expect(preview.get_by_role("link", name="Carla Maes schreef")).to_have_attribute(
        "href", permalink
    )
    expect(preview.locator("strong")).to_have_text("dringend")
    expect(body).to_be_hidden()
    page.get_by_role("tab", name="Schrijven").click()
    expect(body).to_be_visible()
    page.get_by_role("button", name="Onderwerp plaatsen").click()

    # Her topic, rendered: the quote as a blockquote, the link, the mention.
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("Je onderwerp staat online.")).to_be_visible()
    first = page.locator("#post-1 .post__body")
    expect(first.locator("blockquote")).to_contain_text(QUOTED)
    expect(first.get_by_role("link", name="Carla Maes schreef")).to_have_attribute(
        "href", permalink
    )
    expect(first).to_contain_text("@bram.claes")
    expect(first.locator("strong")).to_have_text("dringend")
    new_post = Post.objects.get(topic__title=TITLE, number=1)
    assert Mention.objects.filter(post=new_post, user=bram).exists()

    # Bram, in a browser of his own: "Nieuw & ongelezen" in the forum's navigation.
    bram_context = browser.new_context(locale="nl-BE")
    try:
        bram_page = bram_context.new_page()
        bram_page.set_default_timeout(15_000)
        watch(bram_page, problems)
        log_in(bram_page, live_server.url, bram.email)
        bram_page.locator(".site-nav").get_by_role("link", name="Forum").click()
        forum_nav = bram_page.get_by_role("navigation", name="Forum")
        forum_nav.get_by_role("link", name=re.compile("^Nieuw & ongelezen")).click()
        expect(bram_page.get_by_role("heading", level=1)).to_have_text("Nieuw & ongelezen")
        row = bram_page.locator(".topic-row").filter(has_text=TITLE)
        expect(row.locator(".badge--new")).to_have_text("nieuw")
        row.get_by_role("link", name=TITLE).click()
        expect(bram_page.get_by_role("heading", level=1)).to_have_text(TITLE)
        # The deferred scripts have run: the editor's set-up moves the focus once.
        bram_page.wait_for_load_state("domcontentloaded")

        # 👍 with the keyboard: Tab from the post's link to the button, then Enter.
        thumbs = bram_page.locator(f"#reaction-{new_post.pk}-duim")
        expect(thumbs).to_have_attribute("aria-pressed", "false")
        bram_page.locator("#post-1 .post__link").focus()
        for _ in range(10):
            if thumbs.evaluate("button => button === document.activeElement"):
                break
            bram_page.keyboard.press("Tab")
        expect(thumbs).to_be_focused()
        bram_page.keyboard.press("Enter")
        expect(thumbs).to_have_attribute("aria-pressed", "true")
        expect(thumbs.locator(".reaction__count")).to_have_text("1")
        assert Reaction.objects.filter(post=new_post, user=bram, kind="duim").exists()

        # His reply: number 2, and the page lands on it.
        bram_page.locator(".reply textarea[name=body]").fill("Bij ons ook per maand, Anja.")
        bram_page.get_by_role("button", name="Reactie plaatsen").click()
        reply = bram_page.locator("#post-2")
        expect(bram_page).to_have_url(re.compile(r"#post-2$"))
        expect(reply.locator(".post__body")).to_have_text("Bij ons ook per maand, Anja.")
        expect(reply.locator(".post__link")).to_contain_text("#2")
        expect(reply.locator(".post__author")).to_have_text("Bram Claes")
        expect(reply).to_be_in_viewport()
    finally:
        bram_context.close()

    # Anja: her topic has one new post in the space's list.
    # (Opening the topic would mark the reply read: she goes to the space from where she is.)
    page.locator(".breadcrumb").get_by_role("link", name=space.name).click()
    row = page.locator(".topic-row").filter(has_text=TITLE)
    expect(row.locator(".badge--new")).to_have_text("1 nieuw")
    assert not problems, problems
