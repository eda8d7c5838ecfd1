"""What the knowledge app holds about a member: registrations for learning activities (with
the answers to their questions), the personal calendar address, and review duties of staff.

Erasure cancels the registrations for activities that have not started through
``registrations.cancel`` (so the waiting list moves up), then deletes every registration.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.data_rows import deleted, nulled, plain
from accounts.personal_data import Holding, register

from . import registrations
from .models import KnowledgeProductPage, PersonalCalendarFeed, Registration
from .models.activities import ACTIVE_STATUSES


def _registrations(user) -> list[dict]:
    found = []
    for registration in (
        Registration.objects.filter(user=user)
        .select_related("activity")
        .prefetch_related("answers")
        .order_by("activity__starts_at", "pk")
    ):
        activity = registration.activity
        found.append(
            {
                "activity": activity.title,
                "starts_at": plain(activity.starts_at),
                "ends_at": plain(activity.ends_at),
                "status": registration.status,
                "registered_on": plain(registration.created_at),
                "updated_at": plain(registration.updated_at),
                "waiting_since": plain(registration.waiting_since),
                "answers": [
                    {"question": answer.question_text, "answer": answer.answer}
                    for answer in registration.answers.all()
                ],
            }
        )
    return found


def _erase_registrations(user, options) -> int:
    future = Registration.objects.filter(
        user=user, status__in=ACTIVE_STATUSES, activity__starts_at__gt=timezone.now()
    ).select_related("activity")
    for registration in future:
        # Frees the place and moves the first on the waiting list up (with their mail).
        registrations.cancel(registration.activity, user)
    return deleted(Registration.objects.filter(user=user))


register(
    Holding(
        key="knowledge.registrations",
        label=_("Registrations for learning activities"),
        purpose=_(
            "To give members a place at a learning activity (or on its waiting list), to send "
            "them its practical information and reminders, and to let SAM prepare it with the "
            "answers to its registration questions."
        ),
        retention=_(
            "As long as the account exists; answers to registration questions until the "
            "retention period after the activity (Bewaartermijnen), or until cancelling."
        ),
        legal_basis=_("Contract; answers about health needs with the member's consent"),
        covers=("knowledge.Registration.user",),
        export=_registrations,
        erase=_erase_registrations,
    )
)

register(
    Holding(
        key="knowledge.calendar_feed",
        label=_("Personal calendar address"),
        purpose=_("To put a member's own learning activities in their calendar app."),
        retention=_("Until the member makes a new address or the account goes."),
        legal_basis=_("Contract"),
        covers=("knowledge.PersonalCalendarFeed.user",),
        export=lambda user: [
            {"issued_at": plain(feed.issued_at)}
            for feed in PersonalCalendarFeed.objects.filter(user=user)
        ],
        erase=lambda user, options: deleted(PersonalCalendarFeed.objects.filter(user=user)),
    )
)

register(
    Holding(
        key="knowledge.review_owner",
        label=_("Responsible for knowledge products"),
        purpose=_("For SAM staff: who gets a reminder when a knowledge product is due a review."),
        retention=_("As long as the account exists; the product then has no one responsible."),
        legal_basis=_("Legitimate interest (up-to-date content)"),
        covers=("knowledge.KnowledgeProductPage.review_owner",),
        export=lambda user: [
            {"title": page.title, "review_due": plain(page.review_due)}
            for page in KnowledgeProductPage.objects.filter(review_owner=user).order_by("pk")
        ],
        erase=lambda user, options: nulled(
            KnowledgeProductPage.objects.filter(review_owner=user), review_owner=None
        ),
    )
)
