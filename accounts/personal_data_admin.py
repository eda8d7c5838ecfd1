"""SAM staff's personal-data pages in the Wagtail admin: the processing register, and erasing an
account on someone's request."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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


# Field and model names Django derives from the code (English, untranslated) get a label here;
# a verbose_name that the model itself translates is kept.
FIELD_LABELS = {
    "user": gettext_lazy("user"),
    "author": gettext_lazy("author"),
    "member": gettext_lazy("member"),
    "owner": gettext_lazy("owner"),
    "last_poster": gettext_lazy("last poster"),
    "deleted_by": gettext_lazy("deleted by"),
    "created_by": gettext_lazy("created by"),
    "resolved_by": gettext_lazy("resolved by"),
    "uploader": gettext_lazy("uploader"),
    "reporter": gettext_lazy("reporter"),
    "actor": gettext_lazy("actor"),
    "recipient": gettext_lazy("recipient"),
    "by": gettext_lazy("by"),
    "added_by": gettext_lazy("added by"),
    "undone_by": gettext_lazy("undone by"),
    "finished_by": gettext_lazy("finished by"),
    "requested_by": gettext_lazy("requested by"),
    "hidden_by": gettext_lazy("hidden by"),
    "locked_by": gettext_lazy("locked by"),
    "approved_by": gettext_lazy("approved by"),
    "uploaded_by_user": gettext_lazy("uploaded by"),
}
# Wagtail's own label ("geupload door gebruiker") reads badly: ours wins for these.
FIELD_LABEL_OVERRIDES = {"uploaded_by_user"}

MODEL_LABELS = {
    "community.Attachment": gettext_lazy("attachment"),
    "community.Draft": gettext_lazy("draft"),
    "community.Mention": gettext_lazy("mention"),
    "community.Reaction": gettext_lazy("reaction"),
    "community.ReadPosition": gettext_lazy("read position"),
    "tracker.Attachment": gettext_lazy("attachment"),
    "tracker.Confirmation": gettext_lazy("confirmation"),
    "tracker.DossierItem": gettext_lazy("dossier item"),
    "tracker.Follow": gettext_lazy("follow"),
    "tracker.Merge": gettext_lazy("merge"),
    "tracker.Message": gettext_lazy("message"),
    "tracker.SavedFilter": gettext_lazy("saved filter"),
    "tracker.StatusChange": gettext_lazy("status change"),
    "wagtailadmin.EditingSession": gettext_lazy("editing session"),
    "wagtailadmin.FormState": gettext_lazy("form state"),
    "wagtailcore.PageSubscription": gettext_lazy("page subscription"),
    "wagtailcore.UploadedFile": gettext_lazy("uploaded file"),
}


def _translated(name) -> bool:
    """Whether a verbose name was given (lazily translated) rather than derived from the code."""
    return isinstance(name, Promise)


def model_verbose_name(model) -> str:
    name = model._meta.verbose_name
    if not _translated(name) and model._meta.label in MODEL_LABELS:
        name = MODEL_LABELS[model._meta.label]
    return str(name)


def field_verbose_name(field) -> str:
    name = field.verbose_name
    if field.name in FIELD_LABELS and (
        not _translated(name) or field.name in FIELD_LABEL_OVERRIDES
    ):
        name = FIELD_LABELS[field.name]
    return str(name)


def _model_label(dotted: str) -> str:
    """``"community.Post.author"`` -> ``"Bericht (auteur)"``."""
    app_label, _dot, rest = dotted.partition(".")
    model_name, _dot, field = rest.partition(".")
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return dotted
    label = model_verbose_name(model).capitalize()
    if field:
        try:
            label += f" ({field_verbose_name(model._meta.get_field(field))})"
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
