"""The forum: spaces, topics, replies, read positions, access and bad input."""

import uuid

from django.contrib.auth.models import Group
from django.urls import reverse

import pytest

from community import moderation, posting
from community.models import POSTS_PER_PAGE, Post, ReadPosition, Topic
from search.models import IndexedDocument
from tests.accounts.factories import MemberFactory, PendingUserFactory, StaffFactory
from tests.community import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return MemberFactory()


@pytest.fixture
def open_space():
    return factories.space(name="Vraag en antwoord", slug="vraag-en-antwoord")


@pytest.fixture
def closed_space():
    group = Group.objects.create(name="Regio Gent")
    return factories.space(name="Regio Gent", slug="regio-gent", group=group)


def _reply(client, topic, body, **extra):
    return client.post(reverse("community:reply", args=[topic.pk]), {"body": body, **extra})


# Access --------------------------------------------------------------------------------------


def test_visitors_are_sent_to_the_login(client, open_space):
    response = client.get("/forum/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_pending_account_is_refused_with_an_explanation(client, open_space):
    client.force_login(PendingUserFactory())
    response = client.get("/forum/")
    assert response.status_code == 403
    assert "wacht op goedkeuring" in response.content.decode()


def test_a_closed_space_and_its_topics_are_invisible_to_other_members(client, member, closed_space):
    insider = MemberFactory(group="Regio Gent")
    topic = factories.topic(closed_space, insider, title="Overleg met het OCMW van Gent")
    client.force_login(member)
    assert "Overleg met het OCMW" not in client.get("/forum/").content.decode()
    assert "Overleg met het OCMW" not in client.get("/forum/laatste/").content.decode()
    assert "Overleg met het OCMW" not in client.get("/forum/nieuw/").content.decode()
    assert client.get(closed_space.get_absolute_url()).status_code == 404
    assert client.get(topic.get_absolute_url()).status_code == 404
    assert _reply(client, topic, "Ik doe ook mee").status_code == 404
    assert Post.objects.filter(topic=topic).count() == 1
    client.force_login(insider)
    assert "Overleg met het OCMW" in client.get("/forum/").content.decode()
    client.force_login(StaffFactory())
    assert client.get(topic.get_absolute_url()).status_code == 200


def test_only_staff_start_topics_in_the_announcements_space(client, member):
    announcements = factories.space(slug="mededelingen", staff_only_topics=True)
    client.force_login(member)
    url = reverse("community:new_topic", args=["mededelingen"])
    response = client.post(url, {"title": "Mijn mededeling", "body": "Tekst"})
    assert response.status_code == 302
    assert not Topic.objects.filter(space=announcements).exists()
    client.force_login(StaffFactory())
    client.post(url, {"title": "Nieuwe vorming", "body": "Schrijf je in."})
    topic = Topic.objects.get(space=announcements)
    client.force_login(member)
    _reply(client, topic, "Bedankt!")
    assert topic.posts.count() == 2


def test_a_closed_space_is_searchable_only_by_its_group(client, member, closed_space):
    insider = MemberFactory(group="Regio Gent")
    factories.topic(closed_space, insider, body="zeldzaamforumwoord in de regio")
    document = IndexedDocument.objects.get(kind="forum_topic")
    assert document.audience == f"forum:{closed_space.pk}"
    client.force_login(member)
    assert client.get("/api/v1/search/", {"q": "zeldzaamforumwoord"}).json()["total"] == 0
    client.force_login(insider)
    assert client.get("/api/v1/search/", {"q": "zeldzaamforumwoord"}).json()["total"] == 1


def test_a_suspended_member_finds_no_forum_post(client, member, open_space):
    factories.topic(open_space, MemberFactory(), body="zeldzaamforumwoord in een open ruimte")
    client.force_login(member)
    assert client.get("/api/v1/search/", {"q": "zeldzaamforumwoord"}).json()["total"] == 1
    moderation.impose(member, StaffFactory(), "suspend", "Herhaalde inbreuken", 7)
    assert client.get("/api/v1/search/", {"q": "zeldzaamforumwoord"}).json()["total"] == 0
    assert client.get("/zoeken/", {"q": "zeldzaamforumwoord"}).status_code == 200


# Writing ---------------------------------------------------------------------------------------


def test_a_member_starts_a_topic_and_lands_on_it(client, member, open_space):
    client.force_login(member)
    response = client.post(
        reverse("community:new_topic", args=[open_space.slug]),
        {"title": "Leefloon en een TWE-contract", "body": "Hoe combineren jullie dat?"},
    )
    topic = Topic.objects.get()
    assert response["Location"] == topic.get_absolute_url()
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "Leefloon en een TWE-contract" in page and "Hoe combineren jullie dat?" in page
    assert topic.post_count == 1 and topic.last_poster == member


def test_a_reply_gets_the_next_number_and_a_permanent_link(client, member, open_space):
    topic = factories.topic(open_space, MemberFactory())
    client.force_login(member)
    response = _reply(client, topic, "Bij ons werkt dat zo.")
    post = Post.objects.get(topic=topic, number=2)
    assert response["Location"] == topic.get_absolute_url() + "#post-2"
    assert client.get(reverse("community:post", args=[post.pk]))["Location"].endswith("#post-2")
    topic.refresh_from_db()
    assert topic.post_count == 2 and topic.last_poster == member


def test_a_permanent_link_lands_on_the_right_page(client, member, open_space):
    topic = factories.topic(
        open_space, member, replies=[(member, f"Antwoord {n}") for n in range(1, 25)]
    )
    last = Post.objects.get(topic=topic, number=25)
    client.force_login(member)
    location = client.get(reverse("community:post", args=[last.pk]))["Location"]
    assert location == f"{topic.get_absolute_url()}?pagina=2#post-25"
    page_two = client.get(topic.get_absolute_url(), {"pagina": 2}).content.decode()
    assert 'id="post-25"' in page_two and 'id="post-1"' not in page_two


def test_a_double_submit_makes_one_post(client, member, open_space):
    topic = factories.topic(open_space, MemberFactory())
    client.force_login(member)
    key = str(uuid.uuid4())
    _reply(client, topic, "Eén keer graag.", submission_key=key)
    _reply(client, topic, "Eén keer graag.", submission_key=key)
    assert Post.objects.filter(topic=topic).count() == 2
    topic.refresh_from_db()
    assert topic.post_count == 2


@pytest.mark.parametrize("body", ["", "   \n\t  "])
def test_an_empty_reply_is_refused_with_a_message(client, member, open_space, body):
    topic = factories.topic(open_space, member)
    client.force_login(member)
    response = _reply(client, topic, body)
    assert response.status_code == 400
    assert "field__error" in response.content.decode()
    assert topic.posts.count() == 1


def test_a_very_long_reply_is_refused_and_kept_in_the_form(client, member, open_space):
    topic = factories.topic(open_space, member)
    client.force_login(member)
    response = _reply(client, topic, "woord " * 20_000)
    body = response.content.decode()
    assert response.status_code == 400
    assert "te lang" in body
    assert "woord woord woord" in body


def test_a_national_number_blocks_posting_and_nothing_typed_is_lost(client, member, open_space):
    topic = factories.topic(open_space, member)
    client.force_login(member)
    response = _reply(client, topic, "Haar rijksregisternummer is 85.07.30-033.28, wat nu?")
    body = response.content.decode()
    assert response.status_code == 400
    assert "rijksregisternummer" in body.lower()
    assert "wat nu?" in body
    assert topic.posts.count() == 1


def test_a_phone_number_must_be_confirmed(client, member, open_space):
    topic = factories.topic(open_space, member)
    client.force_login(member)
    text = "Bel de dienst op 09 123 45 67."
    assert _reply(client, topic, text).status_code == 400
    _reply(client, topic, text, privacy_confirmed="on")
    assert topic.posts.count() == 2


def test_html_and_scripts_in_markdown_are_not_active(client, member, open_space):
    topic = factories.topic(open_space, member)
    client.force_login(member)
    _reply(client, topic, '<script>alert(1)</script> [klik](javascript:alert(2)) <b onclick="x">')
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page
    assert 'href="javascript' not in page.lower()
    assert "<b onclick" not in page


def test_a_locked_topic_takes_no_replies_from_members(client, member, open_space):
    topic = factories.topic(open_space, member)
    Topic.objects.filter(pk=topic.pk).update(locked=True)
    client.force_login(member)
    _reply(client, topic, "Nog één vraag")
    assert topic.posts.count() == 1


def test_a_mention_of_an_unknown_name_is_refused(client, member, open_space):
    topic = factories.topic(open_space, member)
    client.force_login(member)
    response = _reply(client, topic, "Wat denk jij, @niemandhier?")
    assert response.status_code == 400
    assert "@niemandhier" in response.content.decode()


def test_a_mention_of_someone_outside_a_closed_space_is_refused(client, closed_space):
    insider, outsider = MemberFactory(group="Regio Gent"), MemberFactory()
    topic = factories.topic(closed_space, insider)
    client.force_login(insider)
    response = _reply(client, topic, f"@{outsider.username} kan jij helpen?")
    assert response.status_code == 400
    assert "kan deze besloten ruimte niet zien" in response.content.decode()


def test_a_mention_is_recorded_for_the_notifications(client, open_space):
    author, colleague = MemberFactory(), MemberFactory()
    topic = factories.topic(open_space, author)
    client.force_login(author)
    _reply(client, topic, f"@{colleague.username} wat denk jij?")
    assert list(Post.objects.get(number=2).mentions.values_list("user", flat=True)) == [
        colleague.pk
    ]


# Reading -------------------------------------------------------------------------------------


def test_read_positions_count_new_posts(client, member, open_space):
    other = MemberFactory()
    topic = factories.topic(open_space, other, replies=[(other, "Eerste antwoord")])
    client.force_login(member)
    assert "nieuw" in client.get(open_space.get_absolute_url()).content.decode()
    client.get(topic.get_absolute_url())
    assert ReadPosition.objects.get(user=member, topic=topic).last_read == 2
    for n in range(3):
        posting.reply(topic, other, f"Nog iets {n}")
    listing = client.get(open_space.get_absolute_url()).content.decode()
    assert "3 nieuw" in listing
    unread = client.get("/forum/nieuw/").content.decode()
    assert topic.title in unread
    first_unread = client.get(reverse("community:first_unread", args=[topic.pk]))
    assert first_unread["Location"].endswith("#post-3")
    client.get(topic.get_absolute_url())
    assert topic.title not in client.get("/forum/nieuw/").content.decode()


def test_mark_all_read_empties_new_and_unread_but_only_for_what_the_member_sees(
    client, member, open_space, closed_space
):
    other = MemberFactory(group="Regio Gent")
    seen = [factories.topic(open_space, other, replies=[(other, "Ja")]) for _ in range(3)]
    hidden = factories.topic(closed_space, other, title="Intern overleg regio")
    client.force_login(member)
    assert all(t.title in client.get("/forum/nieuw/").content.decode() for t in seen)
    response = client.post(reverse("community:mark_all_read"), follow=True)
    page = response.content.decode()
    assert "3 gesprekken als gelezen gemarkeerd" in page
    assert "helemaal bij" in page  # the empty state
    assert {r.topic_id: r.last_read for r in ReadPosition.objects.filter(user=member)} == {
        t.pk: 2 for t in seen
    }
    assert not ReadPosition.objects.filter(user=member, topic=hidden).exists()
    posting.reply(seen[0], other, "Nog een vraag")
    assert seen[0].title in client.get("/forum/nieuw/").content.decode()


def test_mark_all_read_takes_a_post_from_members_only(client, open_space):
    url = reverse("community:mark_all_read")
    assert "/accounts/login/" in client.post(url)["Location"]
    client.force_login(PendingUserFactory())
    assert client.post(url).status_code == 403
    client.force_login(MemberFactory())
    assert client.get(url).status_code == 405


def test_the_lists_across_spaces_count_at_most_the_cap(client, member, open_space, monkeypatch):
    from community import queries

    monkeypatch.setattr(queries, "UNREAD_CAP", 4)
    for n in range(6):
        factories.topic(open_space, MemberFactory(), title=f"Vraag nummer {n}")
    client.force_login(member)
    for view in ("community:unread", "community:latest"):
        page = client.get(reverse(view)).context["page_obj"]
        assert page.paginator.count == 4
    assert client.get(open_space.get_absolute_url()).context["page_obj"].paginator.count == 6


def test_pinned_topics_come_first(client, member, open_space):
    pinned = factories.topic(open_space, member, title="Huisregels")
    factories.topic(open_space, member, title="Recente vraag")
    Topic.objects.filter(pk=pinned.pk).update(pinned=True)
    client.force_login(member)
    listing = client.get(open_space.get_absolute_url()).content.decode()
    assert listing.index("Huisregels") < listing.index("Recente vraag")


def test_the_home_block_shows_active_topics_to_members_only(client, site_tree, open_space):
    member = MemberFactory()
    factories.topic(open_space, member, title="Vervoer naar de werkvloer")
    assert "Vervoer naar de werkvloer" not in client.get("/").content.decode()
    client.force_login(member)
    assert "Vervoer naar de werkvloer" in client.get("/").content.decode()


# Query counts ------------------------------------------------------------------------------


def test_a_topic_page_costs_the_same_queries_on_page_1_and_page_2(
    client, member, open_space, django_assert_max_num_queries
):
    others = [MemberFactory() for _ in range(3)]
    topic = factories.topic(
        open_space,
        member,
        replies=[(others[n % 3], f"Antwoord {n}") for n in range(POSTS_PER_PAGE + 5)],
    )
    client.force_login(member)
    client.get(topic.get_absolute_url())
    with django_assert_max_num_queries(17):
        client.get(topic.get_absolute_url())
    with django_assert_max_num_queries(17):
        client.get(topic.get_absolute_url(), {"pagina": 2})


@pytest.mark.parametrize("view", ["community:index", "community:latest", "community:unread"])
def test_lists_keep_a_constant_query_count(client, member, view, django_assert_max_num_queries):
    spaces = [factories.space() for _ in range(3)]
    for n in range(12):
        factories.topic(spaces[n % 3], MemberFactory(), replies=[(member, "Ja")])
    client.force_login(member)
    client.get(reverse(view))
    with django_assert_max_num_queries(13):
        client.get(reverse(view))


def test_a_mention_at_the_end_of_a_sentence_leaves_out_the_full_stop(client, open_space):
    author, colleague = MemberFactory(), MemberFactory(username="joris.peeters")
    topic = factories.topic(open_space, author)
    client.force_login(author)
    response = _reply(client, topic, "Herkenbaar, @joris.peeters. Ik doe hetzelfde.")
    assert response.status_code == 302
    assert Post.objects.get(number=2).mentions.get().user == colleague


def test_the_home_page_has_a_forum_shortcut_with_the_news_count(client, site_tree, open_space):
    member = MemberFactory()
    factories.topic(open_space, MemberFactory(), title="Iets nieuws")
    client.force_login(member)
    body = client.get("/").content.decode()
    assert 'href="/forum/nieuw/"' in body


def test_history_from_before_a_member_joined_is_not_marked_new(client, open_space):
    from datetime import timedelta

    from django.utils import timezone

    old = factories.topic(open_space, MemberFactory(), title="Archief uit Teams")
    Topic.objects.filter(pk=old.pk).update(last_posted_at=timezone.now() - timedelta(days=400))
    member = MemberFactory()
    fresh = factories.topic(open_space, MemberFactory(), title="Vraag van vandaag")
    client.force_login(member)
    rows = {
        topic.title: topic.new_posts
        for topic in client.get(open_space.get_absolute_url()).context["page_obj"]
    }
    assert rows == {fresh.title: None, old.title: 0}
    assert old.title not in client.get("/forum/nieuw/").content.decode()
