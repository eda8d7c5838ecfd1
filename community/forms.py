import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.privacy import PrivacyGuardMixin

from . import attachments

MAX_BODY = 20_000


def _clean_text(value: str, what) -> str:
    value = (value or "").replace("\x00", "").strip()
    if not value:
        raise forms.ValidationError(_("Write something first: %(what)s is empty.") % {"what": what})
    return value


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (the pattern from Django's documentation)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": attachments.ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_file_clean = super().clean
        if isinstance(data, list | tuple):
            return [single_file_clean(item, initial) for item in data if item]
        return [single_file_clean(data, initial)] if data else []


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
    attachments = MultipleFileField(label=_("Attachments"), required=False)
    submission_key = forms.UUIDField(required=False, widget=forms.HiddenInput)
    privacy_fields = ("body", "attachments")

    def __init__(self, *args, space=None, with_attachments=False, **kwargs):
        self.space = space
        self.mentioned = []
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # A double submit of this form carries the same key and makes one post.
            self.initial.setdefault("submission_key", uuid.uuid4())
        if not with_attachments:
            # Only new posts take files (an edit keeps the ones it has).
            del self.fields["attachments"]
        else:
            self.fields["attachments"].help_text = _(
                "PDF, images (PNG, JPEG, WebP, GIF) and Office documents (docx, xlsx, pptx, "
                "odt); at most %(count)d files of %(size)s each, %(total)s together. Images "
                "are shown in your message; the file name is checked like your text."
            ) % {
                "count": attachments.max_files(),
                "size": attachments.human_size(attachments.max_bytes()),
                "total": attachments.human_size(attachments.max_total()),
            }

    def clean_attachments(self):
        uploads = self.cleaned_data.get("attachments") or []
        if len(uploads) > attachments.max_files():
            raise forms.ValidationError(
                _("Attach at most %(count)d files to one message."),
                code="too_many_attachments",
                params={"count": attachments.max_files()},
            )
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(attachments.check(upload))
            except forms.ValidationError as error:
                errors.append(error)
        if errors:
            raise forms.ValidationError(errors)
        total = sum(item.size for item in checked)
        if total > attachments.max_total():
            raise forms.ValidationError(
                _(
                    "Together the files are too large (%(size)s; at most %(limit)s per message). "
                    "Send some of them in another message."
                ),
                code="attachments_too_large",
                params={
                    "size": attachments.human_size(total),
                    "limit": attachments.human_size(attachments.max_total()),
                },
            )
        return checked

    @property
    def attachment_limits(self) -> dict:
        return attachments.limits()

    @property
    def attachments_to_choose_again(self) -> bool:
        """Files were sent with a form that came back: the browser does not keep them."""
        return bool(self.is_bound and self.errors and self.files.getlist("attachments"))

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
    field_order = ["title", "body", "attachments"]
    privacy_fields = ("title", "body", "attachments")

    def clean_title(self):
        return " ".join(_clean_text(self.cleaned_data.get("title"), _("the title")).split())
