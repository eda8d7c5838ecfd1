from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import portal.converters  # noqa: F401 (registers <id:...>)
from portal.admin_menu import PermissionMenuItem

from . import access, admin_views, personal_data_admin
from .models import AllowedEmailDomain, ApprovalStatus


class AllowedEmailDomainViewSet(SnippetViewSet):
    model = AllowedEmailDomain
    icon = "mail"
    menu_label = _("Allowed domains")
    menu_order = 810
    add_to_admin_menu = True
    list_display = ["domain", "organisation", "created_at"]
    search_fields = ["domain", "organisation"]


register_snippet(AllowedEmailDomainViewSet)

admin_urls = (
    [
        path("", admin_views.pending, name="pending"),
        path("<id:user_id>/beslissing/", admin_views.decide, name="decide"),
    ],
    "accounts_admin",
)


@hooks.register("register_admin_urls")
def register_registration_urls():
    return [path("registraties/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def register_pending_menu_item():
    return PermissionMenuItem(
        _("Registrations"),
        reverse("accounts_admin:pending"),
        icon_name="user",
        order=800,
        permission=admin_views.APPROVE_PERMISSION,
    )


@hooks.register("after_create_user")
def vouch_for_accounts_made_by_staff(request, user):
    """Someone SAM staff add in the admin is known to them: approved, and the address they
    typed counts as verified (the person sets a password through the reset mail)."""
    from allauth.account.models import EmailAddress

    if user.approval_status != ApprovalStatus.APPROVED:
        user.approve(by=request.user)
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


# Personal data (GDPR): the processing register and erasure on request, for SAM staff.

personal_data_urls = (
    [
        path("", personal_data_admin.processing_register, name="register"),
        path("wissen/", personal_data_admin.find_account, name="find"),
        path("wissen/<id:user_id>/", personal_data_admin.erase_account, name="erase"),
    ],
    "personal_data_admin",
)


class StaffOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return access.is_staff(request.user)


@hooks.register("register_admin_urls")
def register_personal_data_urls():
    return [path("persoonsgegevens/", include(personal_data_urls))]


@hooks.register("register_settings_menu_item")
def register_processing_register_menu_item():
    return StaffOnlyMenuItem(
        _("Processing register"),
        reverse("personal_data_admin:register"),
        icon_name="doc-full",
        order=900,
    )


@hooks.register("register_settings_menu_item")
def register_erase_menu_item():
    return StaffOnlyMenuItem(
        _("Erase personal data"),
        reverse("personal_data_admin:find"),
        icon_name="bin",
        order=910,
    )


@hooks.register("register_user_listing_buttons")
def erase_user_listing_button(user, request_user):
    from . import deletion

    if deletion.may_erase(request_user, user):
        yield Button(
            _("Erase personal data"),
            reverse("personal_data_admin:erase", args=[user.pk]),
            icon_name="bin",
            priority=90,
        )
