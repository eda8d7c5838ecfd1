"""The editorial workflow: a second SAM staff member approves before publishing."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts import roles

WORKFLOW_NAME = "Vier-ogenprincipe SAM"
TASK_NAME = "Tweede lezing door een collega van SAM"

# Pages under these index pages go through the workflow.
SECTION_MODELS = ("knowledgeindexpage", "learningactivityindexpage")
HELP = _("Submit the page for approval: a colleague at SAM publishes it.")


def ensure_workflow():
    """The workflow and its task exist and cover the knowledge sections. Idempotent."""
    from django.contrib.auth.models import Group

    from wagtail.models import Workflow, WorkflowPage, WorkflowTask

    from .models import KnowledgeIndexPage, LearningActivityIndexPage, PeerReviewTask

    with transaction.atomic():
        group = Group.objects.filter(name=roles.SAM_STAFF).first()
        if group is None:
            return None
        task = PeerReviewTask.objects.filter(name=TASK_NAME).first()
        if task is None:
            task = PeerReviewTask.objects.create(name=TASK_NAME)
            task.groups.set([group])
        workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
        if created:
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        for model in (KnowledgeIndexPage, LearningActivityIndexPage):
            for page in model.objects.all():
                WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
        return workflow


def ensure_after_migrate(sender, **kwargs) -> None:
    ensure_workflow()


def requires_peer_review(page) -> bool:
    """Whether publishing this page must go through a colleague's approval."""
    workflow = page.get_workflow()
    return bool(workflow and workflow.name == WORKFLOW_NAME and workflow.active)
