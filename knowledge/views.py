from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from . import registrations
from .forms import RegistrationForm
from .models import Registration
from .models.activities import ACTIVE_STATUSES
from .registrations import Outcome


def _messages_for(activity) -> dict:
    closes = date_format(localtime(activity.closes_at), "j F Y H:i")
    return {
        Outcome.REGISTERED: (messages.SUCCESS, _("You are registered. See you there!")),
        Outcome.WAITING: (
            messages.INFO,
            _(
                "This activity is full, so you are on the waiting list. "
                "If a place becomes free, you move up and get an email."
            ),
        ),
        Outcome.ALREADY_REGISTERED: (messages.INFO, _("You were already registered.")),
        Outcome.ALREADY_WAITING: (messages.INFO, _("You are already on the waiting list.")),
        Outcome.CLOSED: (
            messages.ERROR,
            _("Registration closed on %(date)s. Contact SAM if you still want to take part.")
            % {"date": closes},
        ),
        Outcome.PAST: (
            messages.ERROR,
            _("This activity has already started or is over; registering is no longer possible."),
        ),
        Outcome.CANCELLED: (messages.SUCCESS, _("Your registration has been cancelled.")),
        Outcome.NOT_REGISTERED: (messages.INFO, _("You were not registered for this activity.")),
        Outcome.STARTED: (
            messages.ERROR,
            _("This activity has already started; cancelling is no longer possible."),
        ),
    }


def _act(request, activity, action):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(activity.url)
    if not registrations.may_register(request.user):
        raise PermissionDenied
    outcome = action(activity, request.user)
    level, text = _messages_for(activity)[outcome]
    messages.add_message(request, level, text)
    return redirect(activity.url)


def register(request, activity):
    """Register, with the answers to the activity's questions; a form with errors is shown
    again on the activity's page with everything that was typed."""
    if request.method != "POST" or not request.user.is_authenticated:
        return _act(request, activity, registrations.register)
    if not registrations.may_register(request.user):
        raise PermissionDenied
    form = RegistrationForm(activity, request.POST)
    if form.is_valid():
        answers = form.answers()
        return _act(request, activity, lambda a, user: registrations.register(a, user, answers))
    already = Registration.objects.filter(
        activity=activity, user=request.user, status__in=ACTIVE_STATUSES
    ).exists()
    if already or not activity.registration_open:
        # The answers do not matter: say why registering is not possible (or not needed).
        return _act(request, activity, registrations.register)
    context = registrations.detail_context(activity, request, form=form)
    response = activity.render(request, context_overrides=context)
    response.status_code = 400
    return response


def cancel(request, activity):
    return _act(request, activity, registrations.cancel)
