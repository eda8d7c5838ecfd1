"""The tracker's shortcut on the home page, for members."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import shortcuts


@shortcuts.provider
def my_bottlenecks(user):
    return [
        shortcuts.Shortcut(
            _("Report a bottleneck"),
            reverse("tracker:report"),
            _("What blocks your participants? SAM takes it to the policy dialogue"),
        )
    ]
