import contextlib

from accounts import access

from .models import Notification

# The badge stops counting here ("99+").
COUNT_CAP = 99


class UnreadCount:
    """A member's unread notifications, counted on first use (one query), never when the
    page does not show it (zero queries)."""

    def __init__(self, user):
        self._user = user
        self._value = None

    @classmethod
    def of(cls, user) -> "UnreadCount":
        """One per user object, so the header and the home page share one query."""
        if user is None:
            return cls(None)
        found = getattr(user, "_notifications_unread", None)
        if found is None:
            found = cls(user)
            # An object that takes no attributes keeps no count.
            with contextlib.suppress(AttributeError):
                user._notifications_unread = found
        return found

    @property
    def value(self) -> int:
        if self._value is None:
            user = self._user
            if user is None or not user.is_authenticated or not access.is_member(user):
                self._value = 0
            else:
                self._value = (
                    Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)
                    .order_by()[: COUNT_CAP + 1]
                    .count()
                )
        return self._value

    def __bool__(self):
        return self.value > 0

    def __int__(self):
        return self.value

    def __eq__(self, other):
        return self.value == other

    __hash__ = None

    def __str__(self):
        return f"{COUNT_CAP}+" if self.value > COUNT_CAP else str(self.value)

    @property
    def capped(self) -> bool:
        return self.value > COUNT_CAP


def unread(request):
    return {"notification_count": UnreadCount.of(getattr(request, "user", None))}
