"""Bridges: SAM staff turn a solved topic into a draft knowledge product."""

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest
from wagtail.models import Page, PageLogEntry

from community import bridges
from community.models import Post, Topic
from knowledge import workflow
from knowledge.models import KnowledgeIndexPage, KnowledgeProductPage
from tests.accounts.factories import MemberFactory, StaffFactory
from tests.community import factories

pytestmark = pytest.mark.django_db

QUESTION = "Hoe vraag je **toegelaten activiteit** aan bij de adviserend arts?"
ANSWER = "Zo doen wij het:\n\n1. formulier invullen\n2. [info](https://www.riziv.fgov.be/)"


@pytest.fixture(autouse=True)
def _tree(site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.ensure_workflow()
    return site_tree


@pytest.fixture
def staff():
    return StaffFactory()


@pytest.fixture
def member():
    return MemberFactory()


@pytest.fixture
def topic(member):
    space = factories.space(name="Vraag en antwoord", slug="vraag-en-antwoord")
    colleague = MemberFactory()
    made = factories.topic(
        space,
        member,
        title="Toegelaten activiteit aanvragen",
        body=QUESTION,
        replies=[(colleague, ANSWER)],
    )
    return made


def solve(topic) -> Topic:
    Topic.objects.filter(pk=topic.pk).update(solution=topic.posts.get(number=2))
    topic.refresh_from_db()
    return topic


def make_draft(client, topic):
    return client.post(reverse("community:knowledge_draft", args=[topic.pk]))


def dutch(message: str) -> str:
    with translation.override("nl-be"):
        return gettext(message)


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_staff_turn_a_solved_topic_into_a_draft_and_land_in_the_editor(client, staff, topic):
    solve(topic)
    client.force_login(staff)
    response = make_draft(client, topic)
    page = KnowledgeProductPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert page.get_parent().specific_class is KnowledgeIndexPage
    assert not page.live and page.has_unpublished_changes
    assert page.title == "Toegelaten activiteit aanvragen"
    assert page.members_only and page.owner == staff
    assert page.summary.startswith("Hoe vraag je toegelaten activiteit aan")
    blocks = [(block.block_type, block.value) for block in page.body]
    assert [kind for kind, _value in blocks] == [
        "heading",
        "paragraph",
        "heading",
        "paragraph",
        "callout",
    ]
    assert "<b>toegelaten activiteit</b>" in blocks[1][1].source
    assert (
        '<ol><li>formulier invullen</li><li><a href="https://www.riziv.fgov.be/">info</a></li></ol>'
        in (blocks[3][1].source)
    )
    assert f'<a href="{topic.get_absolute_url()}">' in blocks[4][1]["text"].source
    assert page.get_latest_revision().user == staff
    # It goes through the four-eyes workflow like any other product, from the normal editor.
    assert workflow.requires_peer_review(page)
    assert client.get(response["Location"]).status_code == 200
    assert dutch(
        "A draft knowledge product was made from this topic. Complete it, then submit it for "
        "a second reading."
    ) in said(response)


def test_the_draft_tells_its_origin_in_the_page_history(client, staff, topic):
    solve(topic)
    client.force_login(staff)
    make_draft(client, topic)
    entry = PageLogEntry.objects.get(action=bridges.ACTION)
    assert entry.data["topic_id"] == topic.pk and entry.user == staff
    assert topic.title in entry.message
    assert PageLogEntry.objects.filter(action="wagtail.create", page=entry.page).exists()


def test_a_second_click_leads_to_the_same_draft_even_after_the_editor_changed_it(
    client, staff, topic
):
    solve(topic)
    client.force_login(staff)
    first = make_draft(client, topic)
    page = KnowledgeProductPage.objects.get()
    page.title, page.slug = "Toegelaten activiteit: zo vraag je ze aan", "toegelaten-activiteit"
    page.save_revision(user=staff)
    second = make_draft(client, topic)
    assert KnowledgeProductPage.objects.count() == 1
    assert second["Location"] == first["Location"]
    assert dutch("A knowledge product was already made from this topic.") in said(second)


def test_a_deleted_draft_no_longer_counts(client, staff, topic):
    solve(topic)
    client.force_login(staff)
    make_draft(client, topic)
    KnowledgeProductPage.objects.get().delete()
    make_draft(client, topic)
    assert KnowledgeProductPage.objects.count() == 1


def test_a_topic_without_a_solution_is_refused_with_a_message(client, staff, topic):
    client.force_login(staff)
    response = make_draft(client, topic)
    assert response.status_code == 302 and response["Location"] == topic.get_absolute_url()
    assert not KnowledgeProductPage.objects.exists()
    assert dutch(
        "Only a solved topic becomes a knowledge product: mark the answer that helped first."
    ) in said(response)


def test_a_hidden_solution_is_not_published(client, staff, topic):
    solve(topic)
    Post.objects.filter(pk=topic.solution_id).update(hidden_reason="x", hidden_at=topic.created_at)
    client.force_login(staff)
    response = make_draft(client, topic)
    assert response["Location"] == topic.get_absolute_url()
    assert not KnowledgeProductPage.objects.exists()


def test_members_and_visitors_are_refused(client, member, topic):
    solve(topic)
    response = make_draft(client, topic)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(member)  # the topic's own author
    assert make_draft(client, topic).status_code == 403
    assert not KnowledgeProductPage.objects.exists()


def test_only_a_post_makes_a_draft(client, staff, topic):
    solve(topic)
    client.force_login(staff)
    response = client.get(reverse("community:knowledge_draft", args=[topic.pk]))
    assert response.status_code == 405
    assert not KnowledgeProductPage.objects.exists()


def test_an_unknown_topic_is_not_found(client, staff):
    client.force_login(staff)
    assert client.post(reverse("community:knowledge_draft", args=[999999])).status_code == 404


def test_the_button_shows_to_staff_on_solved_topics_only(client, staff, member, topic):
    action = reverse("community:knowledge_draft", args=[topic.pk])
    client.force_login(staff)
    assert action not in client.get(topic.get_absolute_url()).content.decode()
    solve(topic)
    assert action in client.get(topic.get_absolute_url()).content.decode()
    client.force_login(member)
    assert action not in client.get(topic.get_absolute_url()).content.decode()


def test_rich_text_keeps_what_the_editor_can_hold_and_nothing_else():
    html = bridges.rich_text(
        "### Stap\n\n*schuin* en **vet** <script>alert(1)</script> "
        "[klik](javascript:alert(2)) [ok](https://www.vdab.be/)\n\n> citaat"
    )
    assert "<p><b>Stap</b></p>" in html
    assert "<i>schuin</i> en <b>vet</b>" in html
    assert "<script" not in html and 'href="javascript' not in html  # text, never markup
    assert '<a href="https://www.vdab.be/">ok</a>' in html
    assert "<blockquote>" not in html and "citaat" in html
    assert Page.objects.exists()  # the tree fixture ran; nothing else needed the database


# "Meld als knelpunt" ---------------------------------------------------------------------------


def test_the_bottleneck_form_gets_the_threads_address_for_a_post_the_member_sees(member, topic):
    from django.conf import settings

    post = topic.posts.get(number=2)
    source = bridges.bottleneck_source(member, str(post.pk))
    assert source["url"] == settings.SITE_URL + post.get_absolute_url()
    assert source["title"] == topic.title and topic.title in source["text"]


def test_the_bottleneck_form_gets_nothing_for_a_post_the_member_may_not_read(member, topic):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Regio Limburg")
    closed = factories.space(name="Regio Limburg", slug="regio-limburg", group=group)
    insider = MemberFactory(group="Regio Limburg")
    secret = factories.topic(closed, insider, title="Afspraken met het OCMW").posts.get()
    assert bridges.bottleneck_source(member, secret.pk) is None
    assert bridges.bottleneck_source(insider, secret.pk) is not None
    hidden = topic.posts.get(number=2)
    Post.objects.filter(pk=hidden.pk).update(hidden_at=topic.created_at, hidden_reason="x")
    assert bridges.bottleneck_source(member, hidden.pk) is None
    for nonsense in ("", "abc", "-1", "99999999", None):
        assert bridges.bottleneck_source(member, nonsense) is None


def test_the_report_link_shows_on_posts_that_can_be_read(rf, member, topic):
    from django.template import engines

    template = engines["django"].from_string('{% include "community/bridges/_post_actions.html" %}')
    post = topic.posts.get(number=2)
    request = rf.get("/")
    request.user = member
    link = f'href="{reverse("tracker:report")}?uit={post.pk}"'
    assert link in template.render({"post": post, "is_member": True}, request)
    post.hidden_at = topic.created_at
    assert link not in template.render({"post": post, "is_member": True}, request)


def test_the_topic_page_offers_report_as_a_bottleneck_which_prefills_the_form(
    client, member, topic
):
    post = topic.posts.get(number=2)
    client.force_login(member)
    page = client.get(topic.get_absolute_url()).content.decode()
    link = f"{reverse('tracker:report')}?uit={post.pk}"
    assert f'href="{link}"' in page and "Meld als knelpunt" in page
    form = client.get(link).content.decode()
    assert topic.title in form
