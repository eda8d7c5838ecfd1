from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = _("Bottleneck tracker")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts import roles

        from . import home_blocks, notify, search_documents  # noqa: F401  (registers providers)

        roles.MODEL_PERMISSIONS[roles.SAM_STAFF].extend(STAFF_PERMISSIONS)
        search_documents.register()
        notify.register()


STAFF_PERMISSIONS = [
    "tracker.add_body",
    "tracker.change_body",
    "tracker.delete_body",
    "tracker.view_body",
    "tracker.add_tag",
    "tracker.change_tag",
    "tracker.delete_tag",
    "tracker.view_tag",
]
