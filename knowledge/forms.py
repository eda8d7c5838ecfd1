from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from portal.privacy import PrivacyGuardMixin

MAX_ANSWER = 2000
PREFIX = "question_"


class RegistrationForm(PrivacyGuardMixin, forms.Form):
    """Registering for an activity: one free-text field per question staff added.

    Answers are written by members and may hold health data, so they go through the privacy
    guard like every other text members write (a national number is refused; an e-mail
    address or phone number is asked about once).
    """

    def __init__(self, activity, *args, **kwargs):
        self.activity = activity
        self.questions = list(activity.registration_questions.all())
        super().__init__(*args, **kwargs)
        for question in self.questions:
            self.fields[PREFIX + str(question.pk)] = forms.CharField(
                label=question.text,
                # Staff's text, shown as plain text (the field template marks help text safe).
                help_text=escape(question.help_text),
                required=question.required,
                max_length=MAX_ANSWER,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": _("Please answer this question.")},
            )

    @property
    def privacy_fields(self) -> tuple[str, ...]:
        return tuple(PREFIX + str(question.pk) for question in self.questions)

    @property
    def question_fields(self):
        return [self[name] for name in self.privacy_fields]

    def answers(self) -> dict[int, str]:
        """Question id → answer, for ``registrations.register``."""
        return {
            question.pk: self.cleaned_data.get(PREFIX + str(question.pk), "")
            for question in self.questions
        }
