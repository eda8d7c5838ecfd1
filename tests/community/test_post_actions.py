"""Forum post actions: reactions, quoting, the solution, editing and (soft) deleting.

Assertions lean on status codes, the database and element ids or attributes rather than on
translated text, so they hold before and after the translations are merged.
"""

import re

from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from community import posting
from community.models import POSTS_PER_PAGE, Post, PostRevision, Reaction, ReactionKind, Topic
from search.models import IndexedDocument
from tests.accounts.factories import MemberFactory, StaffFactory
from tests.community import factories

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def open_space():
    return factories.space(name="Vraag en antwoord", slug="vraag-en-antwoord")


@pytest.fixture
def asker():
    return MemberFactory(first_name="Ann", last_name="Peeters")


@pytest.fixture
def helper():
    return MemberFactory(first_name="Bart", last_name="Claes")


@pytest.fixture
def topic(open_space, asker, helper):
    return factories.topic(
        open_space,
        asker,
        title="Leefloon en deeltijds werk",
        body="Hoe combineren jullie dat?",
        replies=[(helper, "Bij ons via het GPMI.\nEn met een proefperiode.")],
    )


@pytest.fixture
def reply(topic):
    return Post.objects.get(topic=topic, number=2)


@pytest.fixture
def question(topic):
    return Post.objects.get(topic=topic, number=1)


@pytest.fixture
def closed_topic():
    group = Group.objects.create(name="Regio Gent")
    space = factories.space(slug="regio-gent", group=group)
    insider = MemberFactory(group="Regio Gent")
    return factories.topic(space, insider, replies=[(insider, "Enkel voor de regio")])


def _url(name, post):
    return reverse(f"community:{name}", args=[post.pk])


def _page(client, topic, **params):
    return client.get(topic.get_absolute_url(), params).content.decode()


# Reactions -----------------------------------------------------------------------------------


def test_a_reaction_toggles_and_comes_back_to_the_post(client, helper, question):
    client.force_login(helper)
    response = client.post(_url("react", question), {"kind": ReactionKind.THUMBS_UP})
    assert response.status_code == 302 and response["Location"].endswith("#post-1")
    assert Reaction.objects.filter(post=question, user=helper, kind="duim").count() == 1
    client.post(_url("react", question), {"kind": ReactionKind.THUMBS_UP})
    assert not Reaction.objects.filter(post=question, user=helper).exists()


def test_a_repeated_form_submit_does_not_undo_the_reaction(client, helper, question):
    client.force_login(helper)
    for _ in range(2):
        client.post(_url("react", question), {"kind": "hart", "state": "on"})
    assert Reaction.objects.filter(post=question, user=helper, kind="hart").count() == 1
    for _ in range(2):
        client.post(_url("react", question), {"kind": "hart", "state": "off"})
    assert not Reaction.objects.filter(post=question, user=helper).exists()


def test_one_of_each_kind_per_member(client, helper, question):
    client.force_login(helper)
    for kind in ReactionKind.values:
        client.post(_url("react", question), {"kind": kind, "state": "on"})
        client.post(_url("react", question), {"kind": kind, "state": "on"})
    assert sorted(question.reactions.values_list("kind", flat=True)) == sorted(ReactionKind.values)


def test_an_unknown_reaction_is_refused_without_a_500(client, helper, question):
    client.force_login(helper)
    response = client.post(_url("react", question), {"kind": "<script>"})
    assert response.status_code == 302
    assert client.post(_url("react", question), {"kind": "boos"}, **JSON).status_code == 400
    assert not Reaction.objects.exists()


def test_reactions_are_post_only(client, helper, question):
    client.force_login(helper)
    assert client.get(_url("react", question), {"kind": "duim"}).status_code == 405


def test_counts_and_who_reacted_are_shown(client, asker, helper, topic, question):
    Reaction.objects.create(post=question, user=helper, kind="duim")
    Reaction.objects.create(post=question, user=MemberFactory(first_name="Cis"), kind="duim")
    client.force_login(asker)
    page = _page(client, topic)
    button = f'id="reaction-{question.pk}-duim"'
    assert button in page
    chunk = page[page.index(button) : page.index(f'id="reaction-{question.pk}-hart"')]
    assert 'aria-pressed="false"' in chunk
    assert 'data-count="2"' in chunk
    assert "Bart Claes" in chunk and "Cis" in chunk
    assert f'aria-describedby="who-{question.pk}-duim"' in chunk


def test_a_members_own_reaction_is_pressed(client, helper, topic, question):
    Reaction.objects.create(post=question, user=helper, kind="idee")
    client.force_login(helper)
    page = _page(client, topic)
    chunk = page[page.index(f'id="reaction-{question.pk}-idee"') :][:300]
    assert 'aria-pressed="true"' in chunk


def test_the_script_gets_counts_and_names_as_json(client, helper, question):
    client.force_login(helper)
    data = client.post(_url("react", question), {"kind": "dank"}, **JSON).json()
    assert data["kind"] == "dank" and data["count"] == 1 and data["mine"] is True
    assert "Bart Claes" in data["who"]
    data = client.post(_url("react", question), {"kind": "dank"}, **JSON).json()
    assert data["count"] == 0 and data["mine"] is False


def test_no_reaction_on_a_post_one_may_not_see(client, closed_topic):
    post = closed_topic.posts.get(number=2)
    client.force_login(MemberFactory())
    assert client.post(_url("react", post), {"kind": "duim"}).status_code == 404
    assert client.post(_url("react", post), {"kind": "duim"}, **JSON).status_code == 404
    assert not Reaction.objects.exists()


def test_no_reaction_on_a_deleted_post(client, helper, reply):
    Post.objects.filter(pk=reply.pk).update(deleted_at="2025-01-01T10:00Z")
    client.force_login(helper)
    assert client.post(_url("react", reply), {"kind": "duim"}).status_code == 302
    assert client.post(_url("react", reply), {"kind": "duim"}, **JSON).status_code == 409
    assert not Reaction.objects.exists()


def test_a_missing_post_is_a_404(client, helper):
    client.force_login(helper)
    assert client.post("/forum/p/999999/reactie/", {"kind": "duim"}).status_code == 404
    assert client.post("/forum/p/99999999999999999999/reactie/").status_code == 404


# Quoting -------------------------------------------------------------------------------------


def test_the_quote_link_fills_the_reply_without_javascript(client, asker, topic, reply):
    client.force_login(asker)
    page = _page(client, topic)
    assert f'?citeer={reply.pk}#reply-title"' in page
    page = _page(client, topic, citeer=reply.pk)
    textarea = page[page.index("<textarea") : page.index("</textarea>")]
    assert "Bart Claes" in textarea and f"](/forum/p/{reply.pk}/):" in textarea
    assert "&gt; Bij ons via het GPMI.\n&gt; En met een proefperiode.\n" in textarea


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999", "²", ""])
def test_a_strange_quote_parameter_quotes_nothing(client, asker, topic, value):
    client.force_login(asker)
    response = client.get(topic.get_absolute_url(), {"citeer": value})
    assert response.status_code == 200
    page = response.content.decode()
    assert "&gt;" not in page[page.index("<textarea") : page.index("</textarea>")]


def test_a_post_of_another_topic_is_not_quoted(client, asker, open_space, topic, closed_topic):
    client.force_login(asker)
    for post in (closed_topic.posts.get(number=2), factories.topic(open_space, asker).posts.get()):
        page = _page(client, topic, citeer=post.pk)
        assert "&gt;" not in page[page.index("<textarea") : page.index("</textarea>")]


def test_the_quote_button_gets_the_quote_as_json(client, asker, topic, reply, closed_topic):
    client.force_login(asker)
    text = client.get(_url("quote", reply), **JSON).json()["text"]
    assert text.endswith("> Bij ons via het GPMI.\n> En met een proefperiode.\n\n")
    assert text.startswith("[") and f"](/forum/p/{reply.pk}/):\n" in text
    assert client.get(_url("quote", reply))["Location"].endswith(f"citeer={reply.pk}#reply-title")
    hidden = closed_topic.posts.get(number=2)
    assert client.get(_url("quote", hidden), **JSON).status_code == 404


# Solution ------------------------------------------------------------------------------------


def _mark(client, post, value="mark"):
    return client.post(_url("mark_solution", post), {"solution": value})


def test_the_asker_marks_a_reply_as_the_solution(
    client, asker, topic, reply, django_capture_on_commit_callbacks
):
    client.force_login(asker)
    page = _page(client, topic)
    assert f'action="{_url("mark_solution", reply)}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        assert _mark(client, reply).status_code == 302
    topic.refresh_from_db()
    assert topic.solution == reply
    page = _page(client, topic)
    assert 'id="solution-title"' in page and "post--solution" in page
    assert page.count('class="post__solution-label"') == 1
    listing = client.get(topic.space.get_absolute_url()).content.decode()
    assert "badge--solved" in listing
    document = IndexedDocument.objects.get(kind="forum_topic")
    assert document.summary.startswith("Opgelost")
    assert "proefperiode" in document.body


def test_staff_mark_the_solution_but_other_members_do_not(client, topic, reply):
    client.force_login(MemberFactory())
    assert f'action="{_url("mark_solution", reply)}"' not in _page(client, topic)
    _mark(client, reply)
    assert _mark(client, reply).status_code == 302
    topic.refresh_from_db()
    assert topic.solution is None
    client.force_login(StaffFactory())
    _mark(client, reply)
    topic.refresh_from_db()
    assert topic.solution == reply


def test_the_solution_is_unmarked(client, asker, topic, reply, django_capture_on_commit_callbacks):
    client.force_login(asker)
    with django_capture_on_commit_callbacks(execute=True):
        _mark(client, reply)
        _mark(client, reply, "unmark")
    topic.refresh_from_db()
    assert topic.solution is None
    assert 'id="solution-title"' not in _page(client, topic)
    document = IndexedDocument.objects.get(kind="forum_topic")
    assert not document.summary.startswith("Opgelost")
    assert "proefperiode" not in document.body


def test_the_question_and_bad_input_are_no_solution(client, asker, topic, question, reply):
    client.force_login(asker)
    assert _mark(client, question).status_code == 302
    assert _mark(client, reply, "maybe").status_code == 302
    assert client.post(_url("mark_solution", reply)).status_code == 302
    topic.refresh_from_db()
    assert topic.solution is None
    assert client.get(_url("mark_solution", reply)).status_code == 405


def test_no_solution_in_a_topic_one_may_not_see(client, closed_topic):
    post = closed_topic.posts.get(number=2)
    client.force_login(MemberFactory())
    assert _mark(client, post).status_code == 404
    closed_topic.refresh_from_db()
    assert closed_topic.solution is None


# Editing -------------------------------------------------------------------------------------


def _edit(client, post, body, **extra):
    return client.post(_url("edit_post", post), {"body": body, **extra})


def test_an_edit_keeps_the_earlier_version_and_says_edited(
    client, helper, topic, reply, django_capture_on_commit_callbacks
):
    client.force_login(helper)
    assert f'href="{_url("edit_post", reply)}"' in _page(client, topic)
    form = client.get(_url("edit_post", reply)).content.decode()
    assert "Bij ons via het GPMI." in form
    with django_capture_on_commit_callbacks(execute=True):
        response = _edit(client, reply, "Bij ons via het GPMI, met een trajectbegeleider.")
    assert response.status_code == 302 and response["Location"].endswith("#post-2")
    reply.refresh_from_db()
    assert reply.body.endswith("trajectbegeleider.") and reply.edited_at is not None
    revision = PostRevision.objects.get(post=reply)
    assert revision.body.startswith("Bij ons via het GPMI.\n")
    assert 'class="post__edited"' in _page(client, topic)
    document = IndexedDocument.objects.get(kind="forum_post")
    assert "trajectbegeleider" in document.body


def test_an_unchanged_edit_makes_no_version(client, helper, reply):
    client.force_login(helper)
    _edit(client, reply, reply.body)
    reply.refresh_from_db()
    assert reply.edited_at is None and not PostRevision.objects.exists()


def test_others_may_not_edit_but_staff_may(client, topic, reply):
    client.force_login(MemberFactory())
    assert f'href="{_url("edit_post", reply)}"' not in _page(client, topic)
    assert _edit(client, reply, "Overgenomen").status_code == 302
    assert client.get(_url("edit_post", reply)).status_code == 302
    reply.refresh_from_db()
    assert reply.body.startswith("Bij ons") and reply.edited_at is None
    client.force_login(StaffFactory())
    assert f'href="{_url("edit_post", reply)}"' in _page(client, topic)
    _edit(client, reply, "Aangepast door de moderator.")
    reply.refresh_from_db()
    assert reply.body == "Aangepast door de moderator."
    assert PostRevision.objects.filter(post=reply).count() == 1


def test_an_edit_with_a_national_number_is_refused_and_the_text_kept(client, helper, reply):
    client.force_login(helper)
    response = _edit(client, reply, "Zijn rijksregisternummer is 85.07.30-033.28, wat nu?")
    assert response.status_code == 400
    page = response.content.decode()
    assert "85.07.30-033.28, wat nu?" in page and "field__error" in page
    reply.refresh_from_db()
    assert reply.body.startswith("Bij ons") and not PostRevision.objects.exists()


@pytest.mark.parametrize("body", ["", "   ", "woord " * 5000])
def test_an_empty_or_too_long_edit_is_refused(client, helper, reply, body):
    client.force_login(helper)
    assert _edit(client, reply, body).status_code == 400
    reply.refresh_from_db()
    assert reply.body.startswith("Bij ons")


def test_an_edit_in_a_topic_one_may_not_see_is_a_404(client, closed_topic):
    post = closed_topic.posts.get(number=2)
    client.force_login(MemberFactory())
    assert client.get(_url("edit_post", post)).status_code == 404
    assert _edit(client, post, "Toch binnen").status_code == 404


def test_editing_the_solution_updates_the_question_in_search(
    client, asker, helper, topic, reply, django_capture_on_commit_callbacks
):
    client.force_login(asker)
    with django_capture_on_commit_callbacks(execute=True):
        _mark(client, reply)
    client.force_login(helper)
    with django_capture_on_commit_callbacks(execute=True):
        _edit(client, reply, "Vraag het aan de jobcoach.")
    document = IndexedDocument.objects.get(kind="forum_topic")
    assert "jobcoach" in document.body and "proefperiode" not in document.body


def test_staff_see_earlier_versions_and_members_do_not(client, helper, topic, reply):
    client.force_login(helper)
    _edit(client, reply, "Tweede versie")
    assert client.get(_url("post_versions", reply)).status_code == 404
    assert f'href="{_url("post_versions", reply)}"' not in _page(client, topic)
    client.force_login(StaffFactory())
    assert f'href="{_url("post_versions", reply)}"' in _page(client, topic)
    page = client.get(_url("post_versions", reply)).content.decode()
    assert "Tweede versie" in page and "proefperiode" in page
    revision = PostRevision.objects.get(post=reply)
    assert f'id="version-{revision.pk}"' in page


# Deleting ------------------------------------------------------------------------------------


def test_a_member_deletes_a_post_softly(
    client, asker, helper, topic, reply, django_capture_on_commit_callbacks
):
    posting_reply = posting.reply(topic, asker, "Dank je, Bart!")
    client.force_login(helper)
    assert f'href="{_url("delete_post", reply)}"' in _page(client, topic)
    confirm = client.get(_url("delete_post", reply))
    assert confirm.status_code == 200 and 'id="delete-post"' in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("delete_post", reply))
    assert response.status_code == 302 and response["Location"].endswith("#post-2")
    reply.refresh_from_db()
    assert reply.deleted_at is not None
    page = _page(client, topic)
    assert page.count('class="post__deleted"') == 1
    assert 'id="post-2"' in page and "Dank je, Bart!" in page and posting_reply.number == 3
    assert "proefperiode" not in page
    assert not IndexedDocument.objects.filter(source=f"community.post:{reply.pk}").exists()
    topic.refresh_from_db()
    assert topic.post_count == 3


def test_a_deleted_post_answers_with_a_message(client, helper, reply):
    client.force_login(helper)
    client.post(_url("delete_post", reply))
    assert client.post(_url("delete_post", reply)).status_code == 302
    assert client.get(_url("edit_post", reply)).status_code == 302
    assert _edit(client, reply, "Toch nog").status_code == 302
    reply.refresh_from_db()
    assert reply.body.startswith("Bij ons")
    assert client.get(_url("quote", reply), **JSON).status_code == 409


def test_others_may_not_delete_but_staff_may(client, topic, reply):
    client.force_login(MemberFactory())
    assert f'href="{_url("delete_post", reply)}"' not in _page(client, topic)
    assert client.post(_url("delete_post", reply)).status_code == 302
    reply.refresh_from_db()
    assert reply.deleted_at is None
    client.force_login(StaffFactory())
    client.post(_url("delete_post", reply))
    reply.refresh_from_db()
    assert reply.deleted_at is not None


def test_deleting_the_question_keeps_the_topic_and_its_replies(
    client, asker, topic, question, django_capture_on_commit_callbacks
):
    client.force_login(asker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("delete_post", question))
    assert Topic.objects.filter(pk=topic.pk).exists()
    page = _page(client, topic)
    assert "proefperiode" in page and 'class="post__deleted"' in page
    assert not IndexedDocument.objects.filter(kind="forum_topic").exists()
    assert IndexedDocument.objects.filter(kind="forum_post").exists()


def test_deleting_the_solution_unmarks_it(
    client, asker, helper, topic, reply, django_capture_on_commit_callbacks
):
    client.force_login(asker)
    _mark(client, reply)
    client.force_login(helper)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("delete_post", reply))
    topic.refresh_from_db()
    assert topic.solution is None
    assert not IndexedDocument.objects.get(kind="forum_topic").summary.startswith("Opgelost")


def test_a_delete_in_a_topic_one_may_not_see_is_a_404(client, closed_topic):
    post = closed_topic.posts.get(number=2)
    client.force_login(MemberFactory())
    assert client.get(_url("delete_post", post)).status_code == 404
    assert client.post(_url("delete_post", post)).status_code == 404
    post.refresh_from_db()
    assert post.deleted_at is None


def test_visitors_are_sent_to_the_login(client, reply):
    for name in ("react", "mark_solution", "edit_post", "delete_post", "post_versions"):
        response = client.post(_url(name, reply), {"kind": "duim"})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_changes_need_the_csrf_token(helper, reply):
    client = Client(enforce_csrf_checks=True)
    client.force_login(helper)
    assert client.post(_url("react", reply), {"kind": "duim"}).status_code == 403
    assert client.post(_url("delete_post", reply)).status_code == 403
    assert not Reaction.objects.exists()


# Query counts --------------------------------------------------------------------------------


def test_the_topic_page_stays_constant_in_queries_with_reactions(client, open_space):
    members = [MemberFactory() for _ in range(4)]
    reader = members[0]

    def count_queries(topic):
        client.get(topic.get_absolute_url())  # the read position settles
        with CaptureQueriesContext(connection) as captured:
            assert client.get(topic.get_absolute_url()).status_code == 200
        return len(captured)

    small = factories.topic(open_space, reader, replies=[(members[1], "Eén antwoord")])
    big = factories.topic(
        open_space,
        reader,
        replies=[(members[n % 4], f"Antwoord {n}") for n in range(POSTS_PER_PAGE + 3)],
    )
    Reaction.objects.bulk_create(
        Reaction(post=post, user=user, kind=kind)
        for post in big.posts.all()
        for user in members
        for kind in ReactionKind.values
    )
    Topic.objects.filter(pk=big.pk).update(solution=big.posts.get(number=3))
    client.force_login(reader)
    assert count_queries(big) == count_queries(small)


# In the browser ------------------------------------------------------------------------------


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reactions_and_quotes_work_in_place_with_javascript(site_tree, live_server, page):
    from playwright.sync_api import expect

    from tests.accounts.factories import PASSWORD

    asker = MemberFactory(first_name="Ann", last_name="Peeters")
    helper = MemberFactory(first_name="Bart", last_name="Claes")
    space = factories.space(slug="proefruimte")
    topic = posting.start_topic(space, asker, "Leefloon en werk", "Hoe combineren jullie dat?")
    reply = posting.reply(topic, helper, "Bij ons via het GPMI.\n\nEn met een proefperiode.")
    question = topic.posts.get(number=1)
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-mail").fill(helper.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("form.form").get_by_role("button", name="Aanmelden").click()
    page.get_by_test_id("user-name").wait_for()
    page.goto(live_server.url + topic.get_absolute_url())

    # A click reacts in place: pressed, counted, no reload to #post-1.
    thumbs = page.locator(f"#reaction-{question.pk}-duim")
    thumbs.click()
    expect(thumbs).to_have_attribute("aria-pressed", "true")
    expect(thumbs.locator(".reaction__count")).to_have_text("1")
    assert "#post-1" not in page.url
    assert Reaction.objects.filter(post=question, user=helper, kind="duim").exists()

    # The keyboard: focus shows who reacted, Space toggles.
    heart = page.locator(f"#reaction-{question.pk}-hart")
    heart.focus()
    expect(page.locator(f"#who-{question.pk}-hart")).to_be_visible()
    page.keyboard.press("Space")
    expect(heart).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Space")
    expect(heart).to_have_attribute("aria-pressed", "false")
    thumbs.focus()
    expect(page.locator(f"#who-{question.pk}-duim")).to_contain_text("Bart Claes")

    # A selection quotes only what is selected.
    textarea = page.locator(".reply textarea[name=body]")
    page.evaluate(
        """() => {
            const text = document.querySelector('#post-2 .post__body p').firstChild;
            const range = document.createRange();
            range.setStart(text, 12);
            range.setEnd(text, 20);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
        }"""
    )
    page.locator("#post-2 .post__quote").click()
    # "schreef" once the translations are merged: the word itself is not checked here.
    selected = rf"\[Bart Claes \w+\]\(/forum/p/{reply.pk}/\):\n> het GPMI\n\n"
    expect(textarea).to_have_value(re.compile(f"^{selected}$"))
    # Without a selection: the whole post, after what is already typed.
    page.evaluate("getSelection().removeAllRanges()")
    page.locator("#post-1 .post__quote").click()
    whole = rf"\[Ann Peeters \w+\]\(/forum/p/{question.pk}/\):\n> Hoe combineren jullie dat\?\n\n"
    expect(textarea).to_have_value(re.compile(f"^{selected}{whole}$"))
    assert not errors, errors
