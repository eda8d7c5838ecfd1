"""The members' home page: a shortcut to their notifications, with the unread count."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import shortcuts

from .context_processors import UnreadCount


@shortcuts.provider
def notifications(user):
    count = UnreadCount.of(user)
    note = (
        ngettext("%(count)s unread notification", "%(count)s unread notifications", int(count))
        % {"count": count}
        if count
        else _("Nothing new for you")
    )
    return [shortcuts.Shortcut(_("Notifications"), reverse("notifications:list"), note)]
