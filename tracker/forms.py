"""The tracker's forms: every free-text field and file name passes the privacy guard."""

import datetime
import uuid

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community import attachments
from community.forms import MultipleFileField
from knowledge.models import Theme
from portal.privacy import PrivacyGuardMixin

from . import workflow
from .models import (
    MAX_PARTICIPANTS,
    Body,
    Bottleneck,
    Frequency,
    Kind,
    Level,
    OrganisationType,
    Region,
    Status,
    Tag,
)

MAX_FILES = 5


def _choice_error(field_label):
    return {
        "invalid_choice": _("Choose one of the options for %(field)s.") % {"field": field_label},
        "required": _("Choose %(field)s.") % {"field": field_label},
    }


class ReportForm(PrivacyGuardMixin, forms.ModelForm):
    """The report, in steps (fieldsets); ``STEPS`` names the fields of each step."""

    attachments = MultipleFileField(label=_("Attachments (optional)"), required=False)
    submission_key = forms.UUIDField(required=False, widget=forms.HiddenInput)
    # Set once the member has seen the similar bottlenecks and still wants to report.
    similar_seen = forms.BooleanField(required=False, widget=forms.HiddenInput)

    privacy_fields = ("title", "situation", "rule", "suggestion", "attachments")

    STEPS = (
        (_("What is the problem?"), ("title", "situation", "rule")),
        (_("Classify it"), ("kind", "themes", "level", "body")),
        (_("Where and how often?"), ("region", "frequency")),
        (_("Your suggestion and files"), ("suggestion", "attachments")),
    )

    class Meta:
        model = Bottleneck
        fields = [
            "title",
            "situation",
            "rule",
            "kind",
            "themes",
            "level",
            "body",
            "region",
            "frequency",
            "suggestion",
        ]
        widgets = {
            "situation": forms.Textarea(attrs={"rows": 6}),
            "rule": forms.Textarea(attrs={"rows": 3}),
            "suggestion": forms.Textarea(attrs={"rows": 3}),
            "kind": forms.RadioSelect,
            "themes": forms.CheckboxSelectMultiple,
            "level": forms.RadioSelect,
            "frequency": forms.RadioSelect,
        }
        help_texts = {
            "title": _("In one line, e.g. “No childcare during a VDAB training”."),
            "situation": _(
                "Describe what happens without anything that identifies the participant: no "
                "names, national numbers, addresses or phone numbers. “A woman in her thirties "
                "with two young children” is enough."
            ),
            "rule": _("The rule, procedure or decision that causes it, if you know it."),
            "themes": _("The life domains it touches."),
            "body": _("Who is responsible for the rule or procedure."),
            "suggestion": _("What would help? Optional."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())
        self.fields["themes"].queryset = Theme.objects.order_by("name")
        self.fields["themes"].required = True
        self.fields["themes"].error_messages["required"] = _("Choose at least one life domain.")
        self.fields["body"].queryset = Body.objects.filter(active=True)
        self.fields["body"].empty_label = _("I don't know")
        self.fields["kind"].choices = Kind.choices
        self.fields["level"].choices = Level.choices
        self.fields["frequency"].choices = Frequency.choices
        self.fields["attachments"].help_text = _(
            "PDF, images and Office documents; at most %(count)d files. Never attach a "
            "participant's documents: the file name is checked like your text."
        ) % {"count": MAX_FILES}

    def steps(self):
        return [(title, [self[name] for name in names]) for title, names in self.STEPS]

    def clean_attachments(self):
        uploads = self.cleaned_data.get("attachments") or []
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(
                _("Attach at most %(count)d files."), params={"count": MAX_FILES}
            )
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(attachments.check(upload))
            except forms.ValidationError as error:
                errors.append(error)
        if errors:
            raise forms.ValidationError(errors)
        return checked

    @property
    def attachments_to_choose_again(self) -> bool:
        return bool(self.is_bound and self.files.getlist("attachments"))

    def report_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["themes"] = list(data["themes"])
        return data


class ConfirmForm(PrivacyGuardMixin, forms.Form):
    """ "Ik zie dit ook": evidence without the participant."""

    participants = forms.IntegerField(
        label=_("How many of your participants does it affect?"),
        min_value=1,
        max_value=MAX_PARTICIPANTS,
        error_messages={
            "min_value": _("Fill in at least 1 participant."),
            "max_value": _(
                "At most %(limit_value)s participants per confirmation: one case manager does "
                "not guide more."
            ),
            "invalid": _("Fill in a number of participants."),
            "required": _("Fill in how many participants it affects."),
        },
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=Region.choices, error_messages=_choice_error(_("a region"))
    )
    seen_on = forms.DateField(
        label=_("When did you last see it?"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Fill in a date, e.g. 2025-03-14.")},
    )
    organisation_type = forms.ChoiceField(
        label=_("Your type of organisation"),
        choices=OrganisationType.choices,
        error_messages=_choice_error(_("a type of organisation")),
    )
    example = forms.CharField(
        label=_("A short example (optional)"),
        required=False,
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Without anything that identifies the participant."),
    )
    privacy_fields = ("example",)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("seen_on", timezone.localdate())
            if user is not None and getattr(user, "region", "") in Region.values:
                self.initial.setdefault("region", user.region)

    def clean_seen_on(self):
        seen_on = self.cleaned_data["seen_on"]
        today = timezone.localdate()
        if seen_on > today:
            raise forms.ValidationError(_("The date cannot be in the future."))
        if seen_on < today - datetime.timedelta(days=5 * 365):
            raise forms.ValidationError(_("Only confirm what you saw in the past five years."))
        return seen_on

    def confirmation_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != self.confirm_field}


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    reason = forms.CharField(
        label=_("Why (followers read this)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the status changes.")},
    )

    def __init__(self, *args, bottleneck=None, **kwargs):
        super().__init__(*args, **kwargs)
        if bottleneck is not None and not self.is_bound:
            allowed = workflow.allowed(bottleneck.status)
            self.fields["status"].choices = [(s, Status(s).label) for s in allowed]


class BulkStatusForm(StatusForm):
    ids = forms.CharField(widget=forms.HiddenInput, required=False)


SORTS = {
    "nieuwste": ("-created_at", "-pk"),
    "oudste": ("created_at", "pk"),
    "bevestigingen": ("-confirmation_count", "-pk"),
    "volgers": ("-follower_count", "-pk"),
    "status": ("status_changed_at", "pk"),
}
SORT_LABELS = {
    "nieuwste": _("Newest first"),
    "oudste": _("Oldest first"),
    "bevestigingen": _("Most confirmations"),
    "volgers": _("Most followers"),
    "status": _("Longest in this status"),
}


class TriageFilterForm(forms.Form):
    """The triage list's filters, read from the query string (so they can be saved)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.MultipleChoiceField(
        label=_("Status"),
        choices=Status.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    thema = forms.ModelChoiceField(
        label=_("Life domain"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        to_field_name="slug",
    )
    instantie = forms.ModelChoiceField(
        label=_("Responsible body"), queryset=Body.objects.all(), required=False
    )
    soort = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Kind.choices], required=False
    )
    regio = forms.ChoiceField(
        label=_("Region"), choices=[("", _("All regions")), *Region.choices], required=False
    )
    label = forms.ModelChoiceField(
        label=_("Tag"), queryset=Tag.objects.all(), required=False, to_field_name="slug"
    )
    van = forms.DateField(
        label=_("Reported from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = forms.DateField(
        label=_("Reported until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    min_bevestigingen = forms.IntegerField(
        label=_("At least … confirmations"), required=False, min_value=0, max_value=1_000_000
    )
    min_volgers = forms.IntegerField(
        label=_("At least … followers"), required=False, min_value=0, max_value=1_000_000
    )
    sorteer = forms.ChoiceField(label=_("Sort"), choices=list(SORT_LABELS.items()), required=False)

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("status"):
            queryset = queryset.filter(status__in=data["status"])
        if data.get("thema"):
            queryset = queryset.filter(themes=data["thema"])
        if data.get("instantie"):
            queryset = queryset.filter(body=data["instantie"])
        if data.get("soort"):
            queryset = queryset.filter(kind=data["soort"])
        if data.get("regio"):
            queryset = queryset.filter(region=data["regio"])
        if data.get("label"):
            queryset = queryset.filter(tags=data["label"])
        if data.get("van"):
            queryset = queryset.filter(created_at__date__gte=data["van"])
        if data.get("tot"):
            queryset = queryset.filter(created_at__date__lte=data["tot"])
        if data.get("min_bevestigingen"):
            queryset = queryset.filter(confirmation_count__gte=data["min_bevestigingen"])
        if data.get("min_volgers"):
            queryset = queryset.filter(follower_count__gte=data["min_volgers"])
        if data.get("q"):
            for word in data["q"].split()[:8]:
                queryset = queryset.filter(Q(title__icontains=word) | Q(situation__icontains=word))
        return queryset.order_by(*SORTS.get(data.get("sorteer") or "nieuwste"))


class SavedFilterForm(forms.Form):
    name = forms.CharField(label=_("Name of this filter"), max_length=80)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)


class MergeForm(forms.Form):
    target = forms.IntegerField(
        label=_("Merge into bottleneck number"),
        min_value=1,
        max_value=2**63 - 1,
        error_messages={"invalid": _("Fill in the number of a bottleneck (in its address).")},
        help_text=_("The number at the start of its address, e.g. 12 for /knelpunten/12-…"),
    )
    reason = forms.CharField(
        label=_("Why are they the same?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why these bottlenecks are the same.")},
    )


class SplitForm(PrivacyGuardMixin, forms.Form):
    title = forms.CharField(label=_("Title of the new bottleneck"), max_length=160)
    situation = forms.CharField(
        label=_("What the second problem is"), widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.CharField(
        label=_("Why split?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    privacy_fields = ("title", "situation")

    def clean(self):
        cleaned = super().clean()
        cleaned.pop(self.confirm_field, None)
        return cleaned


class MessageForm(PrivacyGuardMixin, forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write a message.")},
    )
    privacy_fields = ("body",)
