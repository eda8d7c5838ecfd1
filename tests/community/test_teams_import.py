"""Moving a Teams channel: the sample export (community/teams_sample) and small exports made
here, through ``manage.py import_teams_channel``."""

import datetime
import io
import json
import shutil
from pathlib import Path

from django.contrib.auth.hashers import is_password_usable
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.translation import gettext

import pytest
from allauth.account.models import EmailAddress

from accounts import access as account_access
from community import signals, teams_import
from community.models import (
    Attachment,
    Flag,
    FlagReason,
    FlagStatus,
    Mention,
    ModerationAction,
    Post,
    Reaction,
    Space,
    Topic,
)
from portal import markdown, privacy
from search.models import IndexedDocument
from tests.accounts.factories import MemberFactory, StaffFactory
from tests.community import factories

pytestmark = pytest.mark.django_db

SAMPLE = Path(teams_import.__file__).resolve().parent / "teams_sample"
CHANNEL = "19:a3f0c2e8d1b94f6e8c7d5b4a39281706@thread.tacv2"
ROOTS, REPLIES, DELETED, SYSTEM = 10, 40, 1, 1
# Graph user ids in the sample.
LOTTE = "0f1d2c3b-4a59-4687-9a1b-2c3d4e5f6071"
INE = "6f7a8b9c-0d1e-4f2a-3b4c-5d6e7f8091a2"
HILDE = "8b9c0d1e-2f3a-4b4c-5d6e-7f8091a2b3c4"
MEHDI = "7a8b9c0d-1e2f-4a3b-4c5d-6e7f8091a2b3"


def key(message_id) -> str:
    return f"teams:{CHANNEL}:{message_id}"


@pytest.fixture
def space():
    return factories.space(name="Uit Teams", slug="uit-teams")


@pytest.fixture
def people():
    """The sample's colleagues who have an account here; Ine, Mehdi and Hilde do not (Mehdi
    registered, but never verified his address)."""
    made = {
        "lotte": MemberFactory(
            username="lotte.vermeulen",
            email="lid@example.org",
            first_name="Lotte",
            last_name="Vermeulen",
        ),
        "youssef": MemberFactory(username="youssef.elkhatib", email="lid2@example.org"),
        "pieter": StaffFactory(username="pieter.desmet", email="sam@example.org"),
        # The export has Leen.Dewaele@Example.org: addresses match whatever their case.
        "leen": MemberFactory(username="leen.dewaele", email="leen.dewaele@example.org"),
        "joris": MemberFactory(
            username="joris.vandenbroeck", email="joris.vandenbroeck@example.org"
        ),
        "samira": MemberFactory(username="samira.haddou", email="samira.haddou@example.org"),
        "mehdi": MemberFactory(
            username="mehdi.amrani", email="mehdi.amrani@cgg.example.org", verified_email=False
        ),
    }
    EmailAddress.objects.create(user=made["mehdi"], email=made["mehdi"].email, verified=False)
    return made


def run(folder, space="uit-teams", **options) -> str:
    out = io.StringIO()
    call_command("import_teams_channel", str(folder), space=space, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def imported(people, space, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output = run(SAMPLE)
    return output


def post_of(message_id) -> Post:
    return Post.objects.select_related("topic", "author").get(external_id=key(message_id))


def sample_messages() -> dict:
    """Every message of the sample, by id, as Graph wrote it."""
    messages = {}
    for path in SAMPLE.glob("*.json"):
        for item in json.loads(path.read_text())["value"]:
            if "messageType" in item:
                messages[item["id"]] = item
                messages.update({reply["id"]: reply for reply in item.get("replies", [])})
    return messages


# Small exports of our own ----------------------------------------------------------------------


def graph_message(message_id, when, html, *, author=LOTTE, name="Lotte Vermeulen", **extra):
    return {
        "id": str(message_id),
        "replyToId": None,
        "messageType": "message",
        "createdDateTime": when,
        "lastModifiedDateTime": when,
        "deletedDateTime": None,
        "subject": None,
        "importance": "normal",
        "from": {
            "application": None,
            "device": None,
            "user": {"id": author, "displayName": name, "userIdentityType": "aadUser"},
        },
        "body": {"contentType": "html", "content": html},
        "channelIdentity": {"teamId": "team", "channelId": CHANNEL},
        "attachments": [],
        "mentions": [],
        "reactions": [],
        **extra,
    }


def write_page(folder: Path, name: str, messages: list, next_link: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    page = {
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#messages",
        "value": messages,
    }
    if next_link:
        page["@odata.nextLink"] = next_link
    path = folder / name
    path.write_text(json.dumps(page), encoding="utf-8")
    return path


def copy_sample(tmp_path) -> Path:
    folder = tmp_path / "export"
    shutil.copytree(SAMPLE, folder)
    return folder


# Mapping ----------------------------------------------------------------------------------------


def test_each_root_message_becomes_a_topic_and_replies_keep_their_dates_and_order(imported, space):
    assert Topic.objects.filter(space=space).count() == ROOTS
    assert Post.objects.filter(topic__space=space).count() == ROOTS + REPLIES - DELETED
    messages = sample_messages()
    for topic in Topic.objects.filter(space=space):
        posts = list(topic.posts.order_by("number"))
        assert [post.number for post in posts] == list(range(1, len(posts) + 1))
        dates = [post.created_at for post in posts]
        assert dates == sorted(dates)
        for post in posts:
            message_id = post.external_id.rsplit(":", 1)[1]
            created = messages[message_id]["createdDateTime"]
            assert post.created_at == teams_import.parse_datetime(created, "", "")
        assert topic.post_count == len(posts)
        assert topic.created_at == posts[0].created_at
        assert topic.last_posted_at == posts[-1].created_at
        assert topic.last_poster_id == posts[-1].author_id
        assert topic.external_id == posts[0].external_id


def test_replies_nested_in_their_root_and_in_a_page_of_their_own_both_arrive(imported):
    nested = Topic.objects.get(external_id=key("1707208872204"))
    separate = Topic.objects.get(external_id=key("1728398405334"))
    assert nested.post_count == 5
    assert separate.post_count == 4
    assert separate.title == "Onkostenvergoeding arbeidszorg en leefloon"


def test_a_topic_is_titled_by_its_subject_or_else_by_its_first_words(imported):
    assert Topic.objects.get(external_id=key("1707208872204")).title == (
        "Wijk-werken met een ziekte-uitkering: toestemming nodig?"
    )
    untitled = Topic.objects.get(external_id=key("1708348244730"))
    assert untitled.title.startswith("Weet iemand of er momenteel een wachtlijst is bij GTB")
    assert len(untitled.title) <= teams_import.TITLE_LENGTH
    assert untitled.slug.startswith("weet-iemand-of-er")


def test_a_title_from_the_text_ends_at_a_sentence_or_a_word():
    assert teams_import.first_words("Kort  en\nbondig") == "Kort en bondig"
    sentence = (
        "Weet iemand of er een wachtlijst is bij GTB in de Kempen? Ik heb een deelnemer die "
        "snel wil starten"
    )
    assert teams_import.first_words(sentence) == sentence.split("? ")[0] + "?"
    words = (
        "Zijn er collega's in Oost-Vlaanderen die een goede jobcoach kennen voor iemand met autisme"
    )
    title = teams_import.first_words(words)
    assert (
        title == "Zijn er collega's in Oost-Vlaanderen die een goede jobcoach kennen voor iemand…"
    )
    assert len(title) <= teams_import.TITLE_LENGTH + 1


def test_authors_are_matched_by_a_verified_address_whatever_its_case(imported, people):
    assert post_of("1707208872204").author == people["lotte"]
    assert post_of("1707210940551").author == people["leen"]  # Leen.Dewaele@Example.org
    # Mehdi's account never verified its address: the words are not tied to it.
    assert post_of("1708351339007").author != people["mehdi"]


def test_others_become_inactive_former_members_under_their_teams_name(imported, client, people):
    ine = post_of("1707213723118").author
    hilde = post_of("1708420370284").author  # left the team: not in members.json
    for placeholder, name in ((ine, "Ine Verhaegen"), (hilde, "Hilde Goossens")):
        assert placeholder.display_name == name
        assert placeholder.organisation == teams_import.FORMER_MEMBER
        assert not placeholder.is_active
        assert not is_password_usable(placeholder.password)
        assert not account_access.is_member(placeholder)
        assert placeholder.email.endswith(".invalid")
    assert ine.username == teams_import.placeholder_username(INE)
    client.force_login(people["youssef"])
    page = client.get(post_of("1707213723118").topic.get_absolute_url()).content.decode()
    assert "Ine Verhaegen" in page
    assert '<span class="post__org">voormalig lid</span>' in page


def test_html_becomes_markdown_with_bold_lists_and_links(imported):
    body = post_of("1709542812000").body
    assert body.startswith("**Intervisie 'Vastgelopen trajecten' op 18 april**")
    assert "- donderdag 18 april, 9u30 tot 12u30" in body
    html = markdown.render(post_of("1711018975310").body)
    assert "<ol>" in html and "<li>" in html
    assert '<a href="https://www.vdab.be/" rel="nofollow ugc noopener">vdab.be</a>' in html
    assert "<strong>wijk-werken</strong>" in markdown.render(post_of("1707208872204").body)


def test_scripts_frames_and_javascript_links_do_not_survive(people, space, tmp_path):
    hostile = (
        "<p>Hallo<script>alert('x')</script></p><iframe src='https://evil.example'>kader</iframe>"
        "<p><a href='javascript:alert(1)'>klik</a> <img src=x onerror=alert(2)>"
        "<a href='https://www.vdab.be/' onclick='alert(3)'>VDAB</a></p>"
        "<style>p{color:red}</style><p>&lt;script&gt;alert(4)&lt;/script&gt;</p>"
    )
    write_page(tmp_path, "page.json", [graph_message("1", "2024-01-02T10:00:00Z", hostile)])
    run(tmp_path)
    body = Post.objects.get().body
    for gone in ("alert('x')", "kader", "javascript:", "onerror", "onclick", "color:red"):
        assert gone not in body
    assert "[VDAB](https://www.vdab.be/)" in body
    html = markdown.render(body)
    assert "<script" not in html and "alert(4)" in html  # typed text stays text, escaped


def test_mentions_become_usernames_for_members_and_names_for_others(imported, people):
    post = post_of("1707218875902")  # Lotte thanks Leen and Ine
    assert post.body == "Dank je @leen.dewaele en Ine! Dan vraag ik het formulier vandaag nog aan."
    assert list(Mention.objects.filter(post=post).values_list("user", flat=True)) == [
        people["leen"].pk
    ]
    assert "@samira.haddou zeker" in post_of("1709547602919").body


def test_reactions_map_to_ours_and_the_rest_is_left_out(imported, people):
    first = post_of("1707208872204")
    assert sorted(Reaction.objects.filter(post=first).values_list("user__username", "kind")) == [
        ("joris.vandenbroeck", "duim"),
        ("leen.dewaele", "duim"),
    ]
    answer = post_of("1707210940551")  # a heart from Lotte, likes from Youssef and Ine
    assert sorted(Reaction.objects.filter(post=answer).values_list("user__username", "kind")) == [
        ("lotte.vermeulen", "hart"),
        ("youssef.elkhatib", "duim"),
    ]
    assert not Reaction.objects.filter(post=post_of("1711021218220")).exists()  # a laugh
    assert "reactions" in imported.lower() and "left out" in imported


def test_an_attachment_in_files_is_stored_privately_and_a_missing_one_is_linked(imported):
    stored = Attachment.objects.get()
    assert stored.post == post_of("1712672567119")
    assert stored.name == "sjabloon-werk-zorgplan.pdf"
    assert stored.content_type == "application/pdf"
    assert stored.uploader == stored.post.author
    assert stored.file.read() == (SAMPLE / "files" / "sjabloon-werk-zorgplan.pdf").read_bytes()
    with translation.override("nl-be"):
        line = gettext("Attachment in Teams: %(name)s") % {"name": ""}
    linked = post_of("1715702730812").body
    assert line + "[verslag-lerend-netwerk-7-mei.docx](<https://" in linked


def test_a_quoted_message_becomes_a_quote(imported):
    body = post_of("1719304226661").body
    assert body.startswith("> **Lotte Vermeulen**: Zijn er collega's in Oost-Vlaanderen")


def test_system_and_deleted_messages_are_skipped_and_counted(imported):
    assert not Post.objects.filter(external_id=key("1727776800000")).exists()
    assert not Post.objects.filter(external_id=key("1715769880500")).exists()
    assert f"{SYSTEM} system messages, {DELETED} deleted messages" in imported


def test_a_deleted_first_message_with_replies_keeps_its_thread(people, space, tmp_path):
    root = graph_message("1", "2024-01-02T10:00:00Z", "", deletedDateTime="2024-01-02T11:00:00Z")
    reply = graph_message("2", "2024-01-02T10:30:00Z", "<p>Antwoord</p>", replyToId="1")
    write_page(tmp_path, "page.json", [root, reply])
    run(tmp_path)
    topic = Topic.objects.get()
    first, second = topic.posts.order_by("number")
    assert first.is_deleted and first.body == ""
    assert second.body == "Antwoord" and topic.post_count == 2


def test_nothing_is_announced_and_nobody_is_notified(
    people, space, django_capture_on_commit_callbacks
):
    heard = []

    def listener(**kwargs):
        heard.append(kwargs)

    signals.post_created.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            run(SAMPLE)
    finally:
        signals.post_created.disconnect(listener)
    assert heard == []
    # Not even a search task per post: only the search result cache is forgotten (once the
    # import's index writes are committed).
    assert [callback for callback in callbacks if callback.__module__ != "search.cache"] == []


def test_the_visible_posts_are_indexed_for_search(imported):
    sources = set(
        IndexedDocument.objects.filter(source__startswith="community.post:").values_list(
            "source", flat=True
        )
    )
    visible = Post.objects.filter(hidden_at__isnull=True, deleted_at__isnull=True)
    assert sources == {f"community.post:{pk}" for pk in visible.values_list("pk", flat=True)}
    assert "Search: 48 documents indexed." in imported


# The privacy guard ------------------------------------------------------------------------------


def test_a_message_the_guard_blocks_is_imported_hidden_and_queued_for_moderation(imported):
    post = post_of("1717411312930")
    with translation.override("nl-be"):
        reason = gettext("Privacy guard during the import: %(reason)s") % {
            "reason": privacy.MESSAGES[privacy.NATIONAL_NUMBER]
        }
    assert post.is_hidden and post.hidden_reason == reason
    assert "90.02.30-123-08" in post.body  # for the moderator to judge
    flag = Flag.objects.get(post=post)
    assert flag.reporter is None and flag.reason == FlagReason.PRIVACY
    assert flag.status == FlagStatus.OPEN
    assert "90.02.30-123-08" not in flag.note and "90.0" in flag.note  # masked
    action = ModerationAction.objects.get(post=post)
    assert action.action == ModerationAction.Kind.IMPORT and action.actor is None
    assert action.topic == post.topic and action.reason == reason
    assert not IndexedDocument.objects.filter(source=f"community.post:{post.pk}").exists()
    assert "1 hidden until a moderator looks" in imported


def test_a_warning_is_imported_visible_but_flagged_for_review(imported):
    post = post_of("1719234165118")  # a colleague's phone number
    assert not post.is_hidden
    flag = Flag.objects.get(post=post)
    assert flag.reporter is None and flag.status == FlagStatus.OPEN
    assert "09 1" in flag.note and "09 123 45 67" not in flag.note
    assert not ModerationAction.objects.filter(post=post).exists()


def test_a_blocked_number_in_a_title_is_masked(people, space, tmp_path):
    root = graph_message("1", "2024-01-02T10:00:00Z", "<p>Deelnemer 90.02.30-123-08 zit vast</p>")
    write_page(tmp_path, "page.json", [root])
    run(tmp_path)
    topic = Topic.objects.get()
    assert "90.02.30-123-08" not in topic.title and topic.title.startswith("Deelnemer 90.0")
    first = topic.posts.get()
    # As a moderator's hiding does, a hidden first post hides its topic.
    assert first.is_hidden and topic.hidden_at == first.hidden_at


# Idempotency ------------------------------------------------------------------------------------


def counts() -> tuple:
    return tuple(
        model.objects.count()
        for model in (Topic, Post, Mention, Reaction, Attachment, Flag, ModerationAction)
    )


def test_a_second_run_adds_nothing(imported):
    before = counts()
    output = run(SAMPLE)
    assert counts() == before
    assert "Imported 0 messages" in output
    assert f"left as they are: {ROOTS + REPLIES - DELETED}." in output


def test_a_later_export_adds_only_the_new_messages_after_the_old_ones(imported, tmp_path):
    folder = copy_sample(tmp_path)
    topic = Topic.objects.get(external_id=key("1707208872204"))
    before = counts()
    late = graph_message(
        "1733130000000", "2024-12-02T09:00:00Z", "<p>Nog een update.</p>", replyToId="1707208872204"
    )
    new_root = graph_message("1733140000000", "2024-12-02T11:46:40Z", "<p>Nieuwe vraag</p>")
    write_page(folder, "messages-3.json", [late, new_root])
    output = run(folder)
    assert counts()[:2] == (before[0] + 1, before[1] + 2)
    topic.refresh_from_db()
    assert topic.post_count == 6
    assert post_of("1733130000000").number == 6
    assert topic.last_posted_at == post_of("1733130000000").created_at
    assert topic.last_poster == post_of("1733130000000").author
    assert "1 new topics, 1 replies (1 topics from an earlier import continued)" in output


def test_new_replies_whose_first_message_is_only_in_the_database_are_appended(imported, tmp_path):
    later = tmp_path / "later"
    late = graph_message(
        "1733130000000", "2024-12-02T09:00:00Z", "<p>Nog een update.</p>", replyToId="1707208872204"
    )
    lost = graph_message("1733150000000", "2024-12-02T10:00:00Z", "<p>Waar?</p>", replyToId="42")
    write_page(later, "replies.json", [late, lost])
    output = run(later)
    assert post_of("1733130000000").number == 6
    assert not Post.objects.filter(external_id=key("1733150000000")).exists()
    assert "1 replies whose first message is missing from the export" in output


def test_a_thread_a_moderator_merged_elsewhere_is_continued_where_it_lives(
    imported, people, tmp_path
):
    from community import moderation

    source = Topic.objects.get(external_id=key("1707208872204"))
    target = Topic.objects.get(external_id=key("1708348244730"))
    moderation.merge(source, target, people["pieter"], "Zelfde vraag")
    target.refresh_from_db()
    assert Topic.objects.count() == ROOTS - 1 and "Imported 0 messages" in run(SAMPLE)
    late = graph_message(
        "1733130000000", "2024-12-02T09:00:00Z", "<p>Nog een update.</p>", replyToId="1707208872204"
    )
    write_page(tmp_path, "replies.json", [late])
    run(tmp_path)
    assert post_of("1733130000000").topic == target
    assert post_of("1733130000000").number == target.post_count + 1
    assert Topic.objects.count() == ROOTS - 1


# The command ------------------------------------------------------------------------------------


def test_the_command_prints_a_summary(imported):
    assert "Teams channel imported into “Uit Teams”" in imported
    assert f"{ROOTS} new topics, {REPLIES - DELETED} replies" in imported
    assert "Authors: 6 matched to accounts, 3 shown as former members" in imported


def test_a_missing_folder_is_refused(space, tmp_path):
    with pytest.raises(CommandError, match="no such folder"):
        run(tmp_path / "nergens")


def test_an_unknown_space_is_refused_with_the_spaces_there_are(space):
    with pytest.raises(CommandError, match="Unknown space “bestaat-niet”. Spaces: uit-teams"):
        run(SAMPLE, space="bestaat-niet")


def test_malformed_json_is_refused_with_its_file_and_position(space, tmp_path):
    folder = copy_sample(tmp_path)
    (folder / "messages-2.json").write_text('{"value": [\n  {"id": "1",}\n]}')
    with pytest.raises(
        CommandError, match=r"messages-2\.json: not valid JSON at line 2, column 14"
    ):
        run(folder)
    assert not Topic.objects.exists()  # nothing is imported from a broken export


def test_a_file_that_is_not_a_graph_page_is_refused(space, tmp_path):
    (tmp_path / "notities.json").write_text('["geen", "pagina"]')
    with pytest.raises(CommandError, match=r"notities\.json: not a Microsoft Graph page"):
        run(tmp_path)


def test_a_message_without_a_date_is_refused_with_its_place(space, tmp_path):
    message = graph_message("1", "2024-01-02T10:00:00Z", "<p>x</p>")
    message["createdDateTime"] = "gisteren"
    write_page(tmp_path, "page.json", [graph_message("0", "2024-01-01T10:00:00Z", "x"), message])
    with pytest.raises(
        CommandError, match=r"page\.json, value\[1\]: createdDateTime is not a date"
    ):
        run(tmp_path)


def test_graph_dates_with_seven_decimals_are_read():
    parsed = teams_import.parse_datetime("2024-03-14T09:12:45.1234567Z", "", "")
    assert parsed == datetime.datetime(2024, 3, 14, 9, 12, 45, 123456, tzinfo=datetime.UTC)


def test_the_demo_imports_the_sample_into_its_own_space_once():
    out = io.StringIO()
    teams_import.load_demo(out)
    space = Space.objects.get(slug="uit-teams")
    assert "ruimte Uit Teams aangemaakt" in out.getvalue()
    assert Topic.objects.filter(space=space).count() == ROOTS
    before = counts()
    teams_import.load_demo(io.StringIO())
    assert counts() == before
