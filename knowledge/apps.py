from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge and learning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts import roles

        from . import search_documents, signals, visibility, workflow  # noqa: F401

        roles.MODEL_PERMISSIONS[roles.SAM_STAFF].extend(STAFF_PERMISSIONS)
        post_migrate.connect(workflow.ensure_after_migrate, sender=self)
        search_documents.register()
        visibility.register()


STAFF_PERMISSIONS = [
    "knowledge.add_theme",
    "knowledge.change_theme",
    "knowledge.delete_theme",
    "knowledge.view_theme",
    "knowledge.add_audience",
    "knowledge.change_audience",
    "knowledge.delete_audience",
    "knowledge.view_audience",
    "knowledge.view_registration",
    "knowledge.view_review_report",
]
