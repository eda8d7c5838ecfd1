"""SAM staff's views in the Wagtail admin: participants per activity, and the review report."""

import csv
import datetime

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import freshness
from .models import LearningActivityPage, Registration, RegistrationStatus
from .models.activities import RegistrationAnswer

VIEW_REGISTRATIONS = "knowledge.view_registration"
REVIEW_REPORT = "knowledge.view_review_report"
PAGE_SIZE = 50


def _active_registrations(activity):
    return (
        Registration.objects.filter(
            activity=activity,
            status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITING],
        )
        .select_related("user")
        .prefetch_related(Prefetch("answers", queryset=RegistrationAnswer.objects.order_by("pk")))
        .order_by("status", "waiting_since", "created_at")
    )


@permission_required(VIEW_REGISTRATIONS, raise_exception=True)
def activities(request):
    """Every activity with its numbers, newest first: the way in to the participant lists."""
    listing = (
        LearningActivityPage.objects.annotate(
            registered=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
            ),
            waiting=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
            ),
        )
        .filter(ends_at__gte=timezone.now() - datetime.timedelta(days=365))
        .order_by("-starts_at")
    )
    page = Paginator(listing, PAGE_SIZE).get_page(request.GET.get("p"))
    return render(request, "knowledge/admin/activities.html", {"page": page})


@permission_required(VIEW_REGISTRATIONS, raise_exception=True)
def participants(request, page_id: int):
    activity = get_object_or_404(LearningActivityPage, pk=page_id)
    registrations = _active_registrations(activity)
    columns = _answer_columns(activity, registrations)
    if request.GET.get("export") == "csv":
        return _csv(activity, registrations, columns)
    for registration in registrations:
        registration.answer_list = _answers_in(columns, registration)
    registered = [r for r in registrations if r.status == RegistrationStatus.REGISTERED]
    waiting = [r for r in registrations if r.status == RegistrationStatus.WAITING]
    return render(
        request,
        "knowledge/admin/participants.html",
        {
            "activity": activity,
            "registered": registered,
            "waiting": waiting,
            "questions": [text for _key, text in columns],
        },
    )


def _answer_columns(activity, registrations) -> list[tuple[tuple, str]]:
    """One column per question: the activity's questions in order, then the questions since
    removed that someone still has an answer to (their answers keep the question's text)."""
    columns = [(("q", q.pk), q.text) for q in activity.registration_questions.all()]
    removed = {
        answer.question_text
        for registration in registrations
        for answer in registration.answers.all()
        if answer.question_id is None
    }
    return columns + [(("old", text), text) for text in sorted(removed)]


def _answers_in(columns, registration) -> list[str]:
    by_key = {
        ("q", answer.question_id) if answer.question_id else ("old", answer.question_text): (
            answer.answer
        )
        for answer in registration.answers.all()
    }
    return [by_key.get(key, "") for key, _text in columns]


def _csv(activity, registrations, columns) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"deelnemers-{slugify(activity.title)[:60]}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A byte order mark and semicolons: how Excel with Belgian settings opens CSV correctly.
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Name"),
            _("Email address"),
            _("Organisation"),
            _("Region"),
            _("Job role"),
            _("Status"),
            _("Registered on"),
            *[_safe_cell(text) for _key, text in columns],
        ]
    )
    for registration in registrations:
        user = registration.user
        writer.writerow(
            [
                _safe_cell(user.get_full_name()),
                _safe_cell(user.email),
                _safe_cell(user.organisation),
                user.get_region_display(),
                user.get_role_display(),
                registration.get_status_display(),
                timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
                *[_safe_cell(answer) for answer in _answers_in(columns, registration)],
            ]
        )
    return response


def _safe_cell(value: str) -> str:
    """Text people typed themselves must not run as a formula in a spreadsheet."""
    value = value or ""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@permission_required(REVIEW_REPORT, raise_exception=True)
def overdue_report(request):
    products = freshness.overdue()
    if request.GET.get("export") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="herziening-nodig.csv"'
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow(
            [_("Title"), _("Type"), _("Last reviewed"), _("Review due"), _("Responsible")]
        )
        for product in products:
            owner = freshness.responsible(product)
            writer.writerow(
                [
                    _safe_cell(product.title),
                    product.get_product_type_display(),
                    product.last_reviewed.isoformat(),
                    product.review_due.isoformat(),
                    _safe_cell(owner.display_name if owner else ""),
                ]
            )
        return response
    page = Paginator(products, PAGE_SIZE).get_page(request.GET.get("p"))
    for product in page:
        product.responsible = freshness.responsible(product)
    return render(
        request,
        "knowledge/admin/overdue.html",
        {"page": page, "today": timezone.localdate()},
    )
