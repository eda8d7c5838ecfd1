"""The dossier forms (SAM staff): every text members or visitors may read passes the
privacy guard; dates are checked so that a bad one is a message, never a 500."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import roles
from community import attachments
from portal.privacy import PrivacyGuardMixin

from .models import Addressee, Dossier, DossierStatus

DATE_INVALID = _("Fill in a date, e.g. 2026-03-14.")
# Years beyond which a date is a typing error (a date field takes 0001-9999).
FAR = datetime.timedelta(days=20 * 365)


def _date_field(label, required=False):
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_INVALID, "required": _("Fill in a date.")},
    )


def _reasonable(day):
    if day is None:
        return day
    today = timezone.localdate()
    if not (today - FAR <= day <= today + FAR):
        raise forms.ValidationError(_("This date is too far from today: check the year."))
    return day


def staff_users():
    """Who may own a dossier: active SAM staff (and superusers)."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name=roles.SAM_STAFF) | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class DossierForm(PrivacyGuardMixin, forms.ModelForm):
    """Create or change a dossier. Internal notes are for staff and policy workers only."""

    owner = OwnerChoiceField(
        label=_("Owner"),
        queryset=None,
        required=False,
        empty_label=_("Nobody yet"),
        help_text=_("The SAM staff member who follows the answers up (and gets the reminders)."),
    )
    # What members and visitors may read; internal notes stay inside.
    privacy_fields = ("title", "question", "regulation", "summary", "public_summary")

    class Meta:
        model = Dossier
        fields = [
            "title",
            "question",
            "regulation",
            "summary",
            "internal_notes",
            "owner",
            "status",
            "published",
            "public",
            "public_summary",
        ]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 4}),
            "regulation": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 6}),
            "internal_notes": forms.Textarea(attrs={"rows": 4}),
            "public_summary": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "title": _("Title"),
            "question": _("The question to government"),
            "regulation": _("The regulation involved"),
            "summary": _("Summary"),
            "internal_notes": _("Internal note"),
            "status": _("Status"),
            "published": _("Published for members"),
            "public": _("Public summary for everyone"),
            "public_summary": _("Public summary"),
        }
        help_texts = {
            "internal_notes": _(
                "Only SAM staff and policy workers read this; never on the members' page, "
                "the public page or in exports."
            ),
            "published": _("Members read the dossier (without the internal note)."),
            "public": _(
                "Visitors read a short public page: title, public summary, question, "
                "addressees and the evidence in numbers."
            ),
            "public_summary": _("Empty: the summary above is used."),
        }
        error_messages = {
            "title": {"required": _("Give the dossier a title.")},
            "question": {"required": _("Write the question to government.")},
            "summary": {"required": _("Write a summary.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_users()
        self.fields["status"].choices = DossierStatus.choices


class AddBottleneckForm(PrivacyGuardMixin, forms.Form):
    """A bottleneck by its number, or words from its title."""

    knelpunt = forms.CharField(
        label=_("Bottleneck number or words from its title"),
        max_length=200,
        error_messages={"required": _("Fill in the number of a bottleneck or words to search.")},
    )
    note = forms.CharField(
        label=_("Why it is in this dossier"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    bundle = forms.BooleanField(
        label=_("Set bottlenecks that are “In progress” to “Bundled”"),
        required=False,
        initial=True,
    )
    privacy_fields = ("note",)

    def number(self) -> int | None:
        value = self.cleaned_data["knelpunt"].strip().lstrip("#")
        if value.isdigit() and len(value) < 18:
            return int(value)
        return None


class ItemForm(PrivacyGuardMixin, forms.Form):
    note = forms.CharField(
        label=_("Why it is in this dossier"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    privacy_fields = ("note",)


class AddresseeForm(PrivacyGuardMixin, forms.ModelForm):
    # The body is on the public page; the contact is for staff and policy workers only.
    privacy_fields = ("body",)

    class Meta:
        model = Addressee
        fields = ["body", "contact", "sent_on", "due_on"]
        labels = {
            "body": _("Government body"),
            "contact": _("Contact"),
            "sent_on": _("Question sent on"),
            "due_on": _("Answer due on"),
        }
        help_texts = {
            "contact": _("Only SAM staff and policy workers see the contact."),
            "sent_on": _("Filling this in marks a dossier “Being built” as “Sent”."),
        }
        widgets = {
            "body": forms.TextInput(attrs={"list": "dossier-bodies", "autocomplete": "off"}),
            "sent_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "body": {"required": _("Fill in the government body.")},
            "sent_on": {"invalid": DATE_INVALID},
            "due_on": {"invalid": DATE_INVALID},
        }

    def clean_sent_on(self):
        day = _reasonable(self.cleaned_data.get("sent_on"))
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The question cannot have been sent in the future."))
        return day

    def clean_due_on(self):
        return _reasonable(self.cleaned_data.get("due_on"))

    def clean(self):
        cleaned = super().clean()
        sent, due = cleaned.get("sent_on"), cleaned.get("due_on")
        if sent and due and due < sent:
            self.add_error("due_on", _("The due date cannot be before the question was sent."))
        return cleaned


class AnswerForm(PrivacyGuardMixin, forms.Form):
    answer = forms.CharField(
        label=_("The answer"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the answer (or a summary of it).")},
    )
    answered_on = _date_field(_("Answered on"), required=True)
    file = forms.FileField(
        label=_("The answer as a file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": attachments.ACCEPT}),
        help_text=attachments.ALLOWED_TEXT,
    )
    privacy_fields = ("answer", "file")

    def __init__(self, *args, addressee=None, **kwargs):
        self.addressee = addressee
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("answered_on", timezone.localdate())

    def clean_answered_on(self):
        day = _reasonable(self.cleaned_data["answered_on"])
        if day > timezone.localdate():
            raise forms.ValidationError(_("The answer date cannot be in the future."))
        sent = self.addressee.sent_on if self.addressee is not None else None
        if sent and day < sent:
            raise forms.ValidationError(_("The answer cannot be older than the question."))
        return day

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        return attachments.check(upload)


class SnapshotForm(PrivacyGuardMixin, forms.Form):
    meeting = forms.CharField(
        label=_("Meeting"),
        max_length=200,
        error_messages={"required": _("Name the meeting, e.g. “Overleg VDAB, maart”.")},
    )
    meeting_on = _date_field(_("Meeting date"), required=True)
    attendees = forms.CharField(
        label=_("Who was there"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only SAM staff and policy workers see this."),
    )
    # Members read the meeting's name; who was there is for staff and policy workers.
    privacy_fields = ("meeting",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("meeting_on", timezone.localdate())

    def clean_meeting_on(self):
        return _reasonable(self.cleaned_data["meeting_on"])
