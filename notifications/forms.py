from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequency, WatchLevel

FREQUENCY_HELP = {
    Frequency.IMMEDIATELY: _(
        "A mail for each notification, a few minutes after it comes in (not when you already "
        "read it on the platform). Reactions only show here."
    ),
    Frequency.DAILY: _("One mail every morning at 7 with what you have not read yet."),
    Frequency.WEEKLY: _("One mail on Monday morning with what you have not read yet."),
    Frequency.NEVER: _("No mail: you see your notifications here, on the platform."),
}

LEVEL_HELP = {
    WatchLevel.WATCHING: _("A notification for every new post."),
    WatchLevel.NORMAL: _(
        "Only what concerns you: a mention, a quote, a reply in your topic, reactions."
    ),
    WatchLevel.MUTED: _("Nothing at all, not even when someone mentions you."),
}

SPACE_LEVEL_HELP = {
    WatchLevel.WATCHING: _("A notification for every new topic and every post in this space."),
    WatchLevel.NORMAL: _("Only what concerns you, and the topics you follow."),
    WatchLevel.MUTED: _(
        "Nothing from this space, not even mentions, except in topics you follow yourself."
    ),
}


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Mail about your notifications"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
    )


class WatchForm(forms.Form):
    what = forms.CharField(max_length=20)
    id = forms.IntegerField(min_value=1, max_value=2**62)
    level = forms.ChoiceField(choices=WatchLevel.choices)
    next = forms.CharField(max_length=2000, required=False)
