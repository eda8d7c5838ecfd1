from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from allauth.account.decorators import reauthentication_required

from portal import files

from . import deletion
from . import export as data_export
from .forms import DeleteAccountForm, ProfileForm
from .models import DataExport, RetentionSettings


def awaiting_approval(request):
    """Where a confirmed registration lands while SAM has not approved it yet."""
    return render(request, "account/pending_approval.html", {"pending_user": None})


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    latest = data_export.latest_export(request.user)
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "data_export": latest,
            "data_export_ready": latest is not None and data_export.is_downloadable(latest),
            "data_export_url": data_export.download_url(latest) if latest else "",
            "export_refusal": data_export.refusal(request.user),
        },
    )


@login_required
@require_POST
@reauthentication_required
def request_data_export(request):
    """Ask for a copy of one's data: behind a fresh login, prepared in the background."""
    try:
        data_export.request_export(request.user)
    except data_export.ExportRefused as refusal:
        messages.warning(request, str(refusal))
    else:
        messages.success(
            request,
            _("We are preparing a copy of your data. You will get an email when it is ready."),
        )
    return redirect("accounts:profile")


@never_cache
@login_required
@require_safe
def download_data_export(request, pk: int, token: str):
    """The member's ZIP: only its owner, with its token, before it expires (404 otherwise)."""
    export = get_object_or_404(DataExport, pk=pk, user=request.user, token=token)
    if not data_export.is_downloadable(export):
        raise Http404
    name = f"mijn-gegevens-{timezone.localdate(export.ready_at):%Y-%m-%d}.zip"
    disposition = content_disposition_header(True, name)
    if files.via_proxy():
        stored = SimpleNamespace(path=default_storage.path(export.file_name))
        response = files.proxy_response(stored, "application/zip", disposition)
    else:
        try:
            handle = default_storage.open(export.file_name, "rb")
        except OSError as error:
            raise Http404 from error
        response = FileResponse(handle, content_type="application/zip")
        response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
@reauthentication_required(allow_get=True)
def delete_account(request):
    """Explain what deleting one's account means; a confirmed POST plans the deletion."""
    existing = deletion.pending_request(request.user)
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and existing is None and form.is_valid():
        deletion.request_deletion(request.user, remove_posts=form.cleaned_data["remove_posts"])
        # No flash message: the site-wide banner and the profile's section already say it.
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/delete_account.html",
        {
            "form": form,
            "erasure_request": existing,
            "cooling_off_days": RetentionSettings.load().erasure_cooling_off_days,
        },
    )


@login_required
def cancel_deletion(request):
    """Cancel a planned deletion: the mail's link lands here, the POST cancels."""
    existing = deletion.pending_request(request.user)
    if request.method == "POST":
        if deletion.cancel_deletion(request.user):
            messages.success(request, _("The deletion of your account has been cancelled."))
        return redirect("accounts:profile")
    return render(request, "accounts/cancel_deletion.html", {"erasure_request": existing})
