"""Messages of Django's own catalogue that locale/nl overrides: the platform says "je", not "u".

Listed here so that `makemessages` keeps them in our catalogue; never imported.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

OVERRIDDEN = [
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    # Django 5.2's MinimumLengthValidator error: a new msgid its own nl catalogue lacks.
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    # The login's labels (allauth's form, also for /admin/login/): pinned here so that a
    # change in allauth's or Wagtail's catalogue cannot rename them.
    gettext_noop("Email"),
    gettext_noop("Password"),
]
