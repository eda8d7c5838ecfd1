"""SAM staff's personal-data pages in the Wagtail admin: the processing register, and erasing an
account on someone's request."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import access, deletion
from .forms import FindAccountForm, StaffEraseForm
from .models import ErasureLog, RetentionSettings
from .personal_data import by_app


def staff_only(view):
    def wrapper(request, *args, **kwargs):
        if not access.is_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _model_label(dotted: str) -> str:
    """``"community.Post.author"`` -> ``"Forum post (author)"``."""
    app_label, _dot, rest = dotted.partition(".")
    model_name, _dot, field = rest.partition(".")
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return dotted
    label = str(model._meta.verbose_name).capitalize()
    if field:
        try:
            label += f" ({model._meta.get_field(field).verbose_name})"
        except Exception:  # noqa: BLE001 - a renamed field still shows up, by name
            label += f" ({field})"
    return label


def register_sections() -> list[dict]:
    sections = []
    for app_label, app_holdings in by_app().items():
        try:
            title = apps.get_app_config(app_label).verbose_name
        except LookupError:
            title = app_label
        sections.append(
            {
                "title": title,
                "holdings": [
                    {
                        "holding": holding,
                        "models": [(dotted, _model_label(dotted)) for dotted in holding.covers],
                    }
                    for holding in app_holdings
                ],
            }
        )
    return sections


def retention_values() -> list[tuple[str, object, str]]:
    periods = RetentionSettings.load()
    rows = []
    for field in RetentionSettings._meta.concrete_fields:
        if field.primary_key:
            continue
        rows.append((str(field.verbose_name), getattr(periods, field.attname), field.help_text))
    return rows


@staff_only
def processing_register(request):
    """What the platform holds about people, why and how long: generated from the registry."""
    return render(
        request,
        "accounts/admin/processing_register.html",
        {
            "sections": register_sections(),
            "retention": retention_values(),
            "recent_erasures": ErasureLog.objects.all()[:20],
        },
    )


@staff_only
def find_account(request):
    """Look up the account to erase by its email address."""
    form = FindAccountForm(request.GET or None)
    if form.is_valid():
        user = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if user is not None:
            return redirect("personal_data_admin:erase", user_id=user.pk)
        form.add_error("email", _("No account has this email address."))
    return render(request, "accounts/admin/erase_find.html", {"form": form})


@staff_only
def erase_account(request, user_id: int):
    """Erase an account at once, on the person's request (confirmation first)."""
    target = get_object_or_404(get_user_model(), pk=user_id)
    if not deletion.may_erase(request.user, target):
        raise PermissionDenied
    form = StaffEraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        log = deletion.erase(
            target,
            reason=ErasureLog.Reason.STAFF,
            remove_posts=form.cleaned_data["remove_posts"],
        )
        messages.success(
            request,
            _("The account and its personal data have been erased (erasure log %(number)s).")
            % {"number": log.pk},
        )
        return redirect("personal_data_admin:register")
    return render(request, "accounts/admin/erase_confirm.html", {"form": form, "target": target})
