from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Forum")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts import roles

        from . import home_blocks, search_documents  # noqa: F401  (registers providers)

        roles.MODEL_PERMISSIONS[roles.SAM_STAFF].extend(STAFF_PERMISSIONS)
        search_documents.register()


STAFF_PERMISSIONS = [
    "community.add_space",
    "community.change_space",
    "community.delete_space",
    "community.view_space",
    "community.moderate_forum",
]
