from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import shortcuts  # noqa: F401  (registers the home shortcut)

        # The forum registers its posts, topics and spaces and listens to its own signals;
        # its hooks live beside the forum (community/notify.py), connected from here so the
        # forum works, unchanged, in a project without notifications.
        if apps.is_installed("community"):
            import community.notify  # noqa: F401
