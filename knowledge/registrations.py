"""Registering for learning activities: places, the waiting list and who moves up.

Every change happens with the activity's row locked (on PostgreSQL; SQLite
serialises writers anyway), so two people can never take the last place.
"""

import datetime
import enum

from django.db import transaction
from django.utils import timezone

from accounts import access

from . import tasks
from .models import LearningActivityPage, Registration, RegistrationStatus
from .models.activities import ACTIVE_STATUSES, RegistrationAnswer

# The reminder goes this long before the start ("the day before"). The scheduler asks every
# minute; each registration's reminder is claimed once (``reminder_sent_at``), so a run that
# is late, or two at once, still send it exactly once.
REMIND_BEFORE = datetime.timedelta(hours=24)


class Outcome(enum.Enum):
    REGISTERED = "registered"
    WAITING = "waiting"
    ALREADY_REGISTERED = "already_registered"
    ALREADY_WAITING = "already_waiting"
    CLOSED = "closed"
    PAST = "past"
    CANCELLED = "cancelled"
    NOT_REGISTERED = "not_registered"
    STARTED = "started"


def may_register(user) -> bool:
    """Members register (SAM staff and policy workers are members too)."""
    return access.is_member(user)


def _locked(activity: LearningActivityPage) -> LearningActivityPage:
    return LearningActivityPage.objects.select_for_update().get(pk=activity.pk)


def register(activity: LearningActivityPage, user, answers: dict | None = None) -> Outcome:
    """Register ``user``: a place, or the waiting list when the activity is full.

    ``answers`` (question id → text) are the answers to the activity's registration
    questions; the person gets a mail after the commit (knowledge.mail).
    """
    with transaction.atomic():
        activity = _locked(activity)
        existing = Registration.objects.filter(activity=activity, user=user).first()
        if existing and existing.status == RegistrationStatus.REGISTERED:
            return Outcome.ALREADY_REGISTERED
        if existing and existing.status == RegistrationStatus.WAITING:
            return Outcome.ALREADY_WAITING
        if activity.has_started:
            return Outcome.PAST
        if not activity.registration_open:
            return Outcome.CLOSED
        taken = activity.registered_count()
        full = activity.capacity is not None and taken >= activity.capacity
        registration = existing or Registration(activity=activity, user=user)
        if full:
            registration.status = RegistrationStatus.WAITING
            registration.waiting_since = timezone.now()
            registration.reminder_sent_at = None
        else:
            registration.status = RegistrationStatus.REGISTERED
            registration.waiting_since = None
            registration.reminder_sent_at = _reminded_by_confirmation(activity)
        registration.save()
        _save_answers(registration, answers or {})
        _mail_after_commit(registration, "waiting" if full else "confirmed")
        return Outcome.WAITING if full else Outcome.REGISTERED


def _reminded_by_confirmation(activity: LearningActivityPage):
    """A place confirmed when the reminder is already due: the confirmation says it all."""
    now = timezone.now()
    return now if activity.starts_at - now <= REMIND_BEFORE else None


def _save_answers(registration: Registration, answers: dict) -> None:
    """The answers of this registration replace those of an earlier (cancelled) one."""
    questions = {q.pk: q for q in registration.activity.registration_questions.all()}
    registration.answers.all().delete()
    RegistrationAnswer.objects.bulk_create(
        RegistrationAnswer(
            registration=registration,
            question=questions[question_id],
            question_text=questions[question_id].text,
            answer=text.strip(),
        )
        for question_id, text in answers.items()
        if question_id in questions and text and text.strip()
    )


def _mail_after_commit(registration: Registration, kind: str, had_place: bool = False) -> None:
    transaction.on_commit(
        lambda: tasks.send_registration_mail.enqueue(registration.pk, kind, had_place)
    )


def cancel(activity: LearningActivityPage, user) -> Outcome:
    with transaction.atomic():
        activity = _locked(activity)
        registration = Registration.objects.filter(
            activity=activity, user=user, status__in=ACTIVE_STATUSES
        ).first()
        if registration is None:
            return Outcome.NOT_REGISTERED
        if activity.has_started:
            return Outcome.STARTED
        had_place = registration.status == RegistrationStatus.REGISTERED
        registration.status = RegistrationStatus.CANCELLED
        registration.waiting_since = None
        registration.save()
        _mail_after_commit(registration, "cancelled", had_place)
        fill_free_places(activity)
        return Outcome.CANCELLED


def fill_free_places(activity: LearningActivityPage) -> list[Registration]:
    """Move people up from the waiting list while there is room; each gets an email.

    Call inside a transaction that holds the activity's lock.
    """
    if activity.has_started:
        return []
    waiting = Registration.objects.filter(
        activity=activity, status=RegistrationStatus.WAITING
    ).order_by("waiting_since", "pk")
    if activity.capacity is not None:
        free = activity.capacity - activity.registered_count()
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    for registration in promoted:
        registration.status = RegistrationStatus.REGISTERED
        registration.waiting_since = None
        registration.reminder_sent_at = _reminded_by_confirmation(activity)
        registration.save(
            update_fields=["status", "waiting_since", "reminder_sent_at", "updated_at"]
        )
        _mail_after_commit(registration, "moved_up")
    return promoted


def reminders_due(now=None):
    """Places at activities that start within ``REMIND_BEFORE`` whose reminder has not gone."""
    now = now or timezone.now()
    return Registration.objects.filter(
        status=RegistrationStatus.REGISTERED,
        reminder_sent_at__isnull=True,
        activity__live=True,
        activity__starts_at__gt=now,
        activity__starts_at__lte=now + REMIND_BEFORE,
    )


def send_reminders(now=None) -> int:
    """Send each due reminder once; returns how many were claimed (and enqueued)."""
    now = now or timezone.now()
    sent = 0
    for pk in reminders_due(now).order_by("pk").values_list("pk", flat=True):
        # Claim it first (UPDATE ... WHERE reminder_sent_at IS NULL), so two runs at once
        # send it once; a registration cancelled meanwhile is not claimed.
        claimed = Registration.objects.filter(
            pk=pk, reminder_sent_at__isnull=True, status=RegistrationStatus.REGISTERED
        ).update(reminder_sent_at=now)
        if claimed:
            tasks.send_registration_mail.enqueue(pk, "reminder")
            sent += 1
    return sent


def waiting_position(registration: Registration) -> int:
    return (
        Registration.objects.filter(
            activity_id=registration.activity_id,
            status=RegistrationStatus.WAITING,
            waiting_since__lt=registration.waiting_since,
        ).count()
        + 1
    )


def detail_context(activity: LearningActivityPage, request, form=None) -> dict:
    """What the activity's page shows this visitor; ``form``: a registration form to show
    again with what was typed and its errors."""
    from .forms import RegistrationForm

    user = request.user
    registration = None
    if user.is_authenticated:
        registration = Registration.objects.filter(
            activity=activity, user=user, status__in=ACTIVE_STATUSES
        ).first()
    registered = activity.registered_count()
    is_participant = access.is_member(user) and bool(
        registration and registration.status == RegistrationStatus.REGISTERED
    )
    is_staff_user = access.is_staff(user)
    return {
        "registration": registration,
        "waiting_position": (
            waiting_position(registration)
            if registration and registration.status == RegistrationStatus.WAITING
            else None
        ),
        "places_left": activity.places_left(registered),
        "can_register": may_register(user),
        "show_online_link": bool(activity.online_url) and (is_participant or is_staff_user),
        "speakers": activity.speakers.all(),
        "materials": activity.materials.select_related("document").all(),
        "themes": activity.themes.all(),
        "registration_form": form or RegistrationForm(activity),
        # Answers may hold health data: only the person's own, never someone else's.
        "my_answers": (
            registration.answers.order_by("question__sort_order", "pk")
            if registration is not None
            else []
        ),
    }
