"""The roles of the platform as Django groups, and the permissions each holds.

Roles are groups so that SAM staff can see and change membership in the Wagtail
admin. The set-up is idempotent and runs after every ``migrate``.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.db import transaction

MEMBER = "Leden"
POLICY_WORKER = "Beleidsmedewerkers"
SAM_STAFF = "SAM-medewerkers"

ALL_GROUPS = (MEMBER, POLICY_WORKER, SAM_STAFF)

# Model permissions as "app_label.codename", per group. Apps that arrive later add theirs.
MODEL_PERMISSIONS: dict[str, list[str]] = {
    MEMBER: [],
    POLICY_WORKER: [],
    SAM_STAFF: [
        "wagtailadmin.access_admin",
        "accounts.approve_user",
        "accounts.view_user",
        "accounts.add_allowedemaildomain",
        "accounts.change_allowedemaildomain",
        "accounts.delete_allowedemaildomain",
        "accounts.view_allowedemaildomain",
        # The retention periods (Instellingen → Bewaartermijnen).
        "accounts.change_retentionsettings",
        "accounts.view_retentionsettings",
        # The search's synonym list (Instellingen -> Synoniemen voor zoeken).
        "search.add_synonymgroup",
        "search.change_synonymgroup",
        "search.delete_synonymgroup",
        "search.view_synonymgroup",
    ],
}
# SAM staff edit and publish the whole page tree, and manage images and documents.
SAM_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
SAM_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_groups() -> None:
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ALL_GROUPS}
    for name, dotted_names in MODEL_PERMISSIONS.items():
        groups[name].permissions.add(*(_permission(dotted) for dotted in dotted_names))

    sam = groups[SAM_STAFF]
    root_page = Page.get_first_root_node()
    if root_page is not None:
        for codename in SAM_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=sam,
                page=root_page,
                permission=_permission(f"wagtailcore.{codename}"),
            )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for dotted in SAM_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=sam, collection=root_collection, permission=_permission(dotted)
            )


def ensure_groups_after_migrate(sender, using="default", verbosity=1, **kwargs) -> None:
    # post_migrate reaches this app before the Wagtail apps listed after it, so
    # make sure every app's permissions exist before assigning them.
    for app_config in global_apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0, using=using)
        create_permissions(app_config, verbosity=0, using=using)
    ensure_groups()


def add_to_group(user, group_name: str) -> None:
    user.groups.add(Group.objects.get(name=group_name))


def has_role(user, group_name: str) -> bool:
    from . import access

    return access.has_role(user, group_name)


def is_member(user) -> bool:
    """See accounts.access: approved, verified and active."""
    from . import access

    return access.is_member(user)


def search_audiences(user) -> set[str]:
    """What a user may find besides public content: see search.register_audiences."""
    from search import MEMBERS, STAFF, group_audience

    from . import access

    if not access.is_member(user):
        return set()
    audiences = {MEMBERS}
    if access.is_staff(user):
        # SAM staff moderate everything and may open every page, closed groups included.
        audiences.add(STAFF)
        group_ids = Group.objects.values_list("pk", flat=True)
    else:
        group_ids = access.group_ids(user)
    audiences.update(group_audience(pk) for pk in group_ids)
    return audiences
