"""The search app holds nothing about a person; declared so the processing register says so."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.personal_data import Holding, register

from . import querylog

register(
    Holding(
        key="search.query_log",
        label=_("Search queries"),
        purpose=_(
            "To see which searches find little, so SAM can add content or synonyms. Only the "
            "query and a daily count are kept: no user, no session, no address."
        ),
        retention=format_lazy(_("Deleted after {days} days."), days=querylog.RETENTION_DAYS),
        legal_basis=_("Legitimate interest (findable content)"),
    )
)
