from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PodcastsConfig(AppConfig):
    name = "podcasts"
    verbose_name = _("Podcast")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import home_blocks, search_documents, signals  # noqa: F401  (registers receivers)

        search_documents.register()
