import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.privacy import PrivacyGuardMixin

MAX_BODY = 20_000


def _clean_text(value: str, what) -> str:
    value = (value or "").replace("\x00", "").strip()
    if not value:
        raise forms.ValidationError(_("Write something first: %(what)s is empty.") % {"what": what})
    return value


class PostForm(PrivacyGuardMixin, forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 8, "class": "editor__text"}),
        error_messages={
            "max_length": _(
                "Your message is too long (%(show_value)d characters; at most %(limit_value)d). "
                "Split it over several messages."
            )
        },
    )
    submission_key = forms.UUIDField(required=False, widget=forms.HiddenInput)
    privacy_fields = ("body",)

    def __init__(self, *args, space=None, **kwargs):
        self.space = space
        self.mentioned = []
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # A double submit of this form carries the same key and makes one post.
            self.initial.setdefault("submission_key", uuid.uuid4())

    def clean_body(self):
        body = _clean_text(self.cleaned_data.get("body"), _("the message"))
        if self.space is not None:
            from .posting import resolve_mentions

            found, unknown, outside = resolve_mentions(body, self.space)
            if unknown:
                raise forms.ValidationError(
                    _("Nobody on the forum is called %(names)s. Choose a name from the list.")
                    % {"names": ", ".join(f"@{name}" for name in unknown)}
                )
            if outside:
                raise forms.ValidationError(
                    _(
                        "%(names)s cannot see this closed space, so they would not read your "
                        "message. Leave out the mention."
                    )
                    % {"names": ", ".join(f"@{name}" for name in outside)}
                )
            self.mentioned = found
        return body


class TopicForm(PostForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        help_text=_("A question or subject in a few words, without names of participants."),
    )
    field_order = ["title", "body"]
    privacy_fields = ("title", "body")

    def clean_title(self):
        return " ".join(_clean_text(self.cleaned_data.get("title"), _("the title")).split())
