from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask


class PeerReviewTask(AbstractGroupApprovalTask):
    """Approval by a member of the group, but never by the person who asked for it.

    SAM works with a four-eyes principle: whoever submits a page cannot also
    approve it, even though they belong to the approving group.
    """

    class Meta:
        verbose_name = _("second reading")
        verbose_name_plural = _("second readings")

    def _requested_by(self, obj):
        state = getattr(obj, "current_workflow_state", None)
        return state.requested_by_id if state else None

    def get_actions(self, obj, user):
        if user.is_authenticated and self._requested_by(obj) == user.pk:
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        # The dashboard's "Awaiting your review" leaves out what the user asked for themselves.
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _("A second SAM staff member approves before anything is published")
