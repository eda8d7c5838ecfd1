"""The editorial workflow: a second SAM staff member approves before publishing."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts import roles

WORKFLOW_NAME = "Vier-ogenprincipe SAM"
TASK_NAME = "Tweede lezing door een collega van SAM"

# Pages under these index pages go through the workflow.
SECTION_MODELS = ("knowledgeindexpage", "learningactivityindexpage")
HELP = _("Submit the page for approval: a colleague at SAM publishes it.")
UNPUBLISH_HELP = _(
    "Taking this page offline also goes through a colleague: under Status, set a schedule "
    "with an expiry date and submit the page for approval. When the colleague approves, "
    "the page goes offline at that date."
)


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


def may_skip_review(user) -> bool:
    """Who publishes and unpublishes without a colleague's approval: superusers."""
    return user.is_superuser


def _workflow_roots(user) -> list[tuple[str, str]]:
    """(tree path, workflow name) of every page with an active workflow set on it, the
    deepest first. One query, kept on the user object for the rest of the request, because
    the page listings ask for every row."""
    from wagtail.models import WorkflowPage

    roots = getattr(user, "_knowledge_workflow_roots", None)
    if roots is None:
        roots = sorted(
            WorkflowPage.objects.filter(workflow__active=True).values_list(
                "page__path", "workflow__name"
            ),
            key=lambda root: len(root[0]),
            reverse=True,
        )
        user._knowledge_workflow_roots = roots
    return roots


def unpublish_needs_review(page, user, include_descendants: bool = False) -> bool:
    """Whether taking ``page`` (and, if asked, the pages below it) offline must go through
    a colleague: as for publishing, the nearest active workflow above the page decides
    (``Page.get_workflow``), and a page below that is under the four-eyes workflow counts too.
    """
    if may_skip_review(user):
        return False
    roots = _workflow_roots(user)
    for path, name in roots:  # the deepest first: the nearest workflow wins
        if page.path.startswith(path):
            if name == WORKFLOW_NAME:
                return True
            break
    if include_descendants:
        return any(
            path.startswith(page.path) and path != page.path and name == WORKFLOW_NAME
            for path, name in roots
        )
    return False
