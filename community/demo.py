"""Demo content for the forum (idempotent): colleagues, spaces, conversations, reactions.

Topics and replies go through ``community.posting`` like a member's would (numbers, counters,
mentions, read positions); their times are then moved back over the last three months.
A space that already has topics is left alone, so a second run changes nothing.
"""

import datetime
import inspect
import random
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from allauth.account.models import EmailAddress

from accounts import access as account_access
from accounts import roles
from accounts.demo import DEMO_PASSWORD
from accounts.models import ApprovalStatus
from portal.demo import replace_placeholder
from portal.models import HomePage, SectionPage

from . import access, posting, teams_import
from . import demo_content as content
from .models import Post, Reaction, ReactionKind, Space, Topic

# lid@example.org joined this long ago, so topics started since are "new" to her.
LID_JOINED_DAYS_AGO = 120
# Reactions, weighted: a thumbs up is the most common, a heart the rarest.
KIND_WEIGHTS = {
    ReactionKind.THUMBS_UP: 5,
    ReactionKind.THANKS: 4,
    ReactionKind.IDEA: 3,
    ReactionKind.HEART: 2,
}
# A line that starts a Markdown block of its own instead of continuing a paragraph.
_BLOCK_START = re.compile(r"(?:[-*+] |\d+\. |> |#)")


def text(raw: str) -> str:
    """A body from ``demo_content``: dedented, each paragraph or list item on one line."""
    lines: list[str] = []
    for line in inspect.cleandoc(raw).splitlines():
        line = line.strip()
        if lines and lines[-1] and line and not _BLOCK_START.match(line):
            lines[-1] += " " + line
        else:
            lines.append(line)
    return "\n".join(lines)


def _rng(*parts) -> random.Random:
    # Seeded: the same demo, run after run.
    return random.Random("/".join(map(str, parts)))  # noqa: S311 (not for security)


@transaction.atomic
def load(out) -> None:
    _remove_placeholder(out)
    User = get_user_model()
    if not User.objects.filter(email="sam@example.org").exists():
        out.write("  overgeslagen: de demo-accounts ontbreken")
        return
    _members(out)
    _backdate_lid()
    group = _region_group(out)
    spaces = _spaces(group, out)
    # Fresh user objects: access rules cache group memberships on the object.
    users = {user.username: user for user in User.objects.filter(email__endswith="@example.org")}
    made = []
    for slug, space in spaces.items():
        if space.topics.exists():
            continue
        for demo in content.TOPICS:
            if demo.space == slug:
                made.append((demo, *_topic(demo, space, users)))
    teams_import.load_demo(out)
    if not made:
        return
    reactions = _reactions(made, users)
    reads = _read_positions(made, users)
    _attachment(out)
    replies = sum(len(posts) - 1 for *_rest, posts in made)
    out.write(f"  {len(made)} onderwerpen met {replies} antwoorden aangemaakt")
    out.write(f"  {reactions} reacties en {reads} leesposities toegevoegd")


def _remove_placeholder(out) -> None:
    home = HomePage.objects.first()
    if home is not None and SectionPage.objects.child_of(home).filter(slug="forum").exists():
        replace_placeholder(home, "forum")
        out.write("  plaatshouder /forum/ verwijderd")


def _members(out) -> None:
    User = get_user_model()
    existing = set(User.objects.values_list("email", flat=True))
    password = None
    for member in content.MEMBERS:
        if member.email in existing:
            continue
        password = password or make_password(DEMO_PASSWORD)
        joined = timezone.now() - datetime.timedelta(days=member.joined_days_ago)
        user = User.objects.create(
            username=member.email.split("@")[0],
            email=member.email,
            password=password,
            first_name=member.first_name,
            last_name=member.last_name,
            organisation=member.organisation,
            region=member.region,
            role=member.role,
            approval_status=ApprovalStatus.APPROVED,
            approved_at=joined,
            date_joined=joined,
        )
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        roles.add_to_group(user, roles.MEMBER)
        out.write(f"  forumlid {member.email} aangemaakt")


def _backdate_lid() -> None:
    joined = timezone.now() - datetime.timedelta(days=LID_JOINED_DAYS_AGO)
    get_user_model().objects.filter(email="lid@example.org", date_joined__gt=joined).update(
        date_joined=joined
    )


def _region_group(out) -> Group:
    group, created = Group.objects.get_or_create(name=content.REGION_GROUP)
    if created:
        out.write(f"  groep {group.name} aangemaakt")
    emails = ["lid@example.org"] + [m.email for m in content.MEMBERS if m.region_group]
    group.user_set.add(*get_user_model().objects.filter(email__in=emails))
    return group


def _spaces(group, out) -> dict:
    spaces = {}
    for slug, (name, position, description, closed, announcements) in content.SPACES.items():
        space, created = Space.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "position": position,
                "description": description,
                "group": group if closed else None,
                "staff_only_topics": announcements,
            },
        )
        if created:
            out.write(f"  ruimte {name} aangemaakt")
        spaces[slug] = space
    return spaces


def _mentions(body: str, space) -> list:
    found, unknown, outside = posting.resolve_mentions(body, space)
    if unknown or outside:
        raise ValueError(f"Demo post mentions {unknown + outside} in {space}: {body[:60]}")
    return found


def _quoted(body: str, quote, posts) -> str:
    number, excerpt = quote
    quoted = posts[number - 1]
    if excerpt not in quoted.body:
        raise ValueError(f"Quote not in post #{number} of {quoted.topic}: {excerpt}")
    # As the Quote button writes it (community.actions.quote_text), in Dutch.
    link = reverse("community:post", args=[quoted.pk])
    return f"[{quoted.author.display_name} schreef]({link}):\n> {excerpt}\n\n{body}"


def _topic(demo, space, users):
    author = users[demo.author]
    if not access.can_start_topic(author, space):
        raise ValueError(f"{author} may not start a topic in {space}")
    body = text(demo.body)
    topic = posting.start_topic(space, author, demo.title, body, mentions=_mentions(body, space))
    posts = [Post.objects.select_related("author").get(topic=topic, number=1)]
    for reply in demo.replies:
        writer = users[reply.author]
        if not access.can_reply(writer, topic):
            raise ValueError(f"{writer} may not reply in {space}")
        body = text(reply.body)
        if reply.quote:
            body = _quoted(body, reply.quote, posts)
        posts.append(posting.reply(topic, writer, body, mentions=_mentions(body, space)))

    times = _times(demo, len(posts))
    for post, when in zip(posts, times, strict=True):
        Post.objects.filter(pk=post.pk).update(created_at=when)
        post.created_at = when
    if demo.solution is not None and not (1 < demo.solution <= len(posts)):
        raise ValueError(f"The solution of {demo.title} must be a reply")
    Topic.objects.filter(pk=topic.pk).update(
        created_at=times[0],
        last_posted_at=times[-1],
        last_poster=posts[-1].author,
        post_count=len(posts),
        pinned=demo.pinned,
        locked=demo.locked,
        solution=posts[demo.solution - 1] if demo.solution else None,
    )
    topic.refresh_from_db()
    return topic, posts


def _times(demo, count: int) -> list[datetime.datetime]:
    """When each post was written: working hours, in order, all in the past."""
    rng = _rng("tijden", demo.title)
    now = timezone.now()
    day = timezone.localtime(now - datetime.timedelta(days=demo.days_ago))
    start = day.replace(
        hour=rng.randint(8, 15), minute=rng.randrange(60), second=rng.randrange(60), microsecond=0
    )
    times = [start]
    for reply in demo.replies[: count - 1]:
        when = times[-1] + datetime.timedelta(hours=reply.after, minutes=rng.randrange(45))
        when = timezone.localtime(when)
        if when.hour >= 21 or when.hour < 7:  # the evening's message waits for the morning
            morning = when if when.hour < 7 else when + datetime.timedelta(days=1)
            when = morning.replace(hour=7 + rng.randrange(2), minute=rng.randrange(60))
        times.append(when)
    latest = now - datetime.timedelta(minutes=20)
    if times[-1] > latest:  # squeeze the conversation into the time there was
        span = times[-1] - start
        room = latest - start
        times = [start + (when - start) * (room / span) for when in times]
    return times


def _audience(space, users) -> list:
    """The demo colleagues who read this space (not the superuser, not pending accounts)."""
    return [
        user
        for user in users.values()
        if not user.is_superuser and access.can_see_space(user, space)
    ]


def _reactions(made, users) -> int:
    reactions = []
    now = timezone.now()
    for demo, topic, posts in made:
        rng = _rng("reacties", demo.title)
        audience = _audience(topic.space, users)
        lid_limit = _lid_limit(demo, len(posts))
        for post in posts:
            if post.number == demo.solution:
                count = rng.randint(2, 4)
            elif post.number == 1:
                count = rng.randint(0, 3)
            else:
                count = rng.choice((0, 0, 0, 1, 1, 2))
            candidates = [
                user
                for user in audience
                if user.pk != post.author_id
                and not (user.username == "lid" and post.number > lid_limit)
            ]
            for user in rng.sample(candidates, min(count, len(candidates))):
                kinds = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))
                if rng.random() < 0.15:  # now and then a second kind from the same person
                    kinds.append(rng.choice(list(KIND_WEIGHTS)))
                when = post.created_at + datetime.timedelta(minutes=rng.randint(5, 600))
                for kind in dict.fromkeys(kinds):
                    reactions.append(
                        Reaction(post=post, user=user, kind=kind, created_at=min(when, now))
                    )
    Reaction.objects.bulk_create(reactions)
    return len(reactions)


def _lid_limit(demo, post_count: int) -> int:
    if demo.lid_read == content.ALL:
        return post_count
    return demo.lid_read or 0


def _read_positions(made, users) -> int:
    """How far each colleague read: lid as the content says, the others at random."""
    marked = 0
    for demo, topic, posts in made:
        rng = _rng("gelezen", demo.title)
        count = len(posts)
        reacted = {}
        for reaction in Reaction.objects.filter(post__topic=topic).values(
            "user_id", "post__number"
        ):
            user_id, number = reaction["user_id"], reaction["post__number"]
            reacted[user_id] = max(reacted.get(user_id, 0), number)
        for user in _audience(topic.space, users):
            own = max((p.number for p in posts if p.author_id == user.pk), default=0)
            seen = max(own, reacted.get(user.pk, 0))
            if user.username == "lid":
                target = _lid_limit(demo, count)
                if target < seen:
                    raise ValueError(f"lid wrote or reacted beyond post {target} in {topic}")
            elif user.pk == topic.author_id or account_access.is_staff(user):
                target = count if rng.random() < 0.85 else rng.randint(max(1, seen), count)
            else:
                roll = rng.random()
                if roll < 0.55:
                    target = count
                elif roll < 0.8:
                    target = rng.randint(max(1, seen), count)
                else:
                    target = seen
            if target:
                posting.mark_read(user, topic, target)
                marked += 1
    return marked


INTAKE_TOPIC = "Een goede vragenlijst voor de intake?"
INTAKE_LINES = [
    "Vragenlijst voor een eerste gesprek (voorbeeld)",
    "1. Wat wil je zelf bereiken met werk of een dagbesteding?",
    "2. Wat lukte vroeger goed, op school, in een job of als vrijwilliger?",
    "3. Wat helpt je op een slechte dag? Wie kan je dan bellen?",
    "4. Wat maakt werken nu moeilijk: gezondheid, wonen, geld, vervoer, zorg voor anderen?",
    "5. Welke hulpverleners zijn er al betrokken, en mogen we met hen overleggen?",
    "Schrijf geen diagnoses of namen op dit blad: het gesprek gaat over de persoon, "
    "het verslag over het traject.",
]


def _attachment(out) -> None:
    """One PDF in a reply, stored and checked as a member's upload would be."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from knowledge.demo import build_pdf

    from . import attachments
    from .models import Post

    post = Post.objects.filter(topic__title=INTAKE_TOPIC, number=2).select_related("author").first()
    if post is None or post.attachments.exists():
        return
    upload = SimpleUploadedFile(
        "vragenlijst-intake-voorbeeld.pdf", build_pdf(INTAKE_LINES), "application/pdf"
    )
    attachments.store(post, post.author, [attachments.check(upload)])
    out.write("  1 bijlage toegevoegd")
