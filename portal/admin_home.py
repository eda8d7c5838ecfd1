"""The admin dashboard's panels for what waits on SAM staff.

Each panel shows how many things wait and the first few, with links, or "nothing to do";
it is only added for users who may act on it (each app's own permission or role check).
Every panel costs two queries (a count and the first few), whatever the numbers.
Pages waiting for a second reading are Wagtail's own "Awaiting your review" panel.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.ui.components import Component

SHOWN = 5


class WaitingPanel(Component):
    """A count of what waits, the first ``SHOWN`` items and a link to the whole list."""

    template_name = "portal/admin/waiting_panel.html"
    name = ""
    heading = ""
    order = 100
    empty_text = gettext_lazy("Nothing to do.")

    def __init__(self, user):
        self.user = user

    @classmethod
    def is_shown_to(cls, user) -> bool:
        raise NotImplementedError

    def queryset(self):
        raise NotImplementedError

    def item(self, obj) -> dict:
        """``title``, ``url`` and a short ``detail`` line for one waiting thing."""
        raise NotImplementedError

    def list_url(self) -> str:
        raise NotImplementedError

    def get_context_data(self, parent_context=None):
        queryset = self.queryset()
        first = list(queryset[:SHOWN])
        count = len(first) if len(first) < SHOWN else queryset.count()
        return {
            "panel_id": self.name,
            "heading": self.heading,
            "count": count,
            "items": [self.item(obj) for obj in first],
            "more": count - len(first),
            "list_url": self.list_url(),
            "empty_text": self.empty_text,
        }


def _date(value) -> str:
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return date_format(value, "j F Y")


class RegistrationsPanel(WaitingPanel):
    name = "sam-registrations"
    heading = gettext_lazy("Registrations to approve")
    order = 100

    @classmethod
    def is_shown_to(cls, user) -> bool:
        from accounts.admin_views import APPROVE_PERMISSION

        return user.has_perm(APPROVE_PERMISSION)

    def queryset(self):
        from accounts.admin_views import pending_registrations

        return pending_registrations()

    def item(self, user) -> dict:
        return {
            "title": user.display_name,
            "url": self.list_url(),
            "detail": _("%(email)s, registered on %(date)s")
            % {"email": user.email, "date": _date(user.date_joined)},
        }

    def list_url(self) -> str:
        return reverse("accounts_admin:pending")


class OverdueProductsPanel(WaitingPanel):
    name = "sam-review-due"
    heading = gettext_lazy("Knowledge products due for review")
    order = 110

    @classmethod
    def is_shown_to(cls, user) -> bool:
        from knowledge.admin_views import REVIEW_REPORT

        return user.has_perm(REVIEW_REPORT)

    def queryset(self):
        from knowledge import freshness

        return freshness.overdue()

    def item(self, product) -> dict:
        return {
            "title": product.title,
            "url": reverse("wagtailadmin_pages:edit", args=[product.pk]),
            "detail": _("Review was due on %(date)s") % {"date": _date(product.review_due)},
        }

    def list_url(self) -> str:
        return reverse("knowledge_overdue")


class FlaggedPostsPanel(WaitingPanel):
    name = "sam-flagged-posts"
    heading = gettext_lazy("Reported forum messages")
    order = 120

    @classmethod
    def is_shown_to(cls, user) -> bool:
        from community import access

        return access.can_moderate(user)

    def queryset(self):
        from community import moderation

        return moderation.flagged_posts().select_related("topic", "author")

    def item(self, post) -> dict:
        author = post.author.display_name if post.author_id else _("a former member")
        return {
            "title": post.topic.title,
            "url": self.list_url(),
            "detail": _("Message by %(author)s, reported on %(date)s")
            % {"author": author, "date": _date(post.first_flag)},
        }

    def list_url(self) -> str:
        return reverse("forum_moderation:queue")


class NewBottlenecksPanel(WaitingPanel):
    name = "sam-new-bottlenecks"
    heading = gettext_lazy("New bottlenecks to triage")
    order = 130

    @classmethod
    def is_shown_to(cls, user) -> bool:
        from tracker import access

        return access.can_triage(user)

    def queryset(self):
        from tracker import access

        return access.awaiting_triage()

    def item(self, bottleneck) -> dict:
        return {
            "title": bottleneck.title,
            "url": bottleneck.get_absolute_url(),
            "detail": _("Reported on %(date)s") % {"date": _date(bottleneck.created_at)},
        }

    def list_url(self) -> str:
        from tracker.models import Status

        return reverse("tracker:triage") + f"?status={Status.REPORTED.value}"


PANELS = (RegistrationsPanel, OverdueProductsPanel, FlaggedPostsPanel, NewBottlenecksPanel)


def panels_for(user) -> list[WaitingPanel]:
    return [panel(user) for panel in PANELS if panel.is_shown_to(user)]
