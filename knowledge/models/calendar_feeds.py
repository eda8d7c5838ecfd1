import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(24)


class PersonalCalendarFeed(models.Model):
    """The secret part of a member's own calendar address; a new one revokes the old."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    issued_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("personal calendar address")
        verbose_name_plural = _("personal calendar addresses")

    def __str__(self):
        return f"{self.user} (calendar)"

    def rotate(self) -> None:
        self.token = new_token()
        self.save(update_fields=["token", "issued_at"])
