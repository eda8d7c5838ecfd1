"""Registering for learning activities: places, the waiting list and who moves up.

Every change happens with the activity's row locked (on PostgreSQL; SQLite
serialises writers anyway), so two people can never take the last place.
"""

import enum

from django.db import transaction
from django.utils import timezone

from accounts import access

from . import tasks
from .models import LearningActivityPage, Registration, RegistrationStatus
from .models.activities import ACTIVE_STATUSES


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


def register(activity: LearningActivityPage, user) -> Outcome:
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
        else:
            registration.status = RegistrationStatus.REGISTERED
            registration.waiting_since = None
        registration.save()
        return Outcome.WAITING if full else Outcome.REGISTERED


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
        registration.status = RegistrationStatus.CANCELLED
        registration.waiting_since = None
        registration.save()
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
        registration.save(update_fields=["status", "waiting_since", "updated_at"])
        transaction.on_commit(
            lambda pk=registration.pk: tasks.notify_moved_up_from_waiting_list.enqueue(pk)
        )
    return promoted


def waiting_position(registration: Registration) -> int:
    return (
        Registration.objects.filter(
            activity_id=registration.activity_id,
            status=RegistrationStatus.WAITING,
            waiting_since__lt=registration.waiting_since,
        ).count()
        + 1
    )


def detail_context(activity: LearningActivityPage, request) -> dict:
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
    }
