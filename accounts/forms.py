from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from .models import ProfessionalRole, Region, User

PROFILE_FIELDS = ["first_name", "last_name", "organisation", "region", "role"]
TEXT_FIELDS = ["first_name", "last_name", "organisation"]

# Names end up in mail subjects and lists: a line break there would split a header.
no_control_characters = RegexValidator(
    r"[\x00-\x1f\x7f-\x9f]",
    inverse_match=True,
    message=_("Use no line breaks, tabs or other control characters here."),
)


class SignupForm(forms.Form):
    """The extra questions on allauth's registration form."""

    first_name = forms.CharField(
        label=_("First name"), max_length=150, validators=[no_control_characters]
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, validators=[no_control_characters]
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        validators=[no_control_characters],
        help_text=_("For example the OCMW, mental health centre or service you work for."),
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("Choose your region"))] + Region.choices
    )
    role = forms.ChoiceField(
        label=_("Job role"), choices=[("", _("Choose your job role"))] + ProfessionalRole.choices
    )

    def signup(self, request, user):
        for field in PROFILE_FIELDS:
            setattr(user, field, self.cleaned_data[field])
        user.save(update_fields=PROFILE_FIELDS)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = PROFILE_FIELDS
        labels = {"first_name": _("First name"), "last_name": _("Last name")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in TEXT_FIELDS:
            self.fields[name].validators.append(no_control_characters)


class DeleteAccountForm(forms.Form):
    """The member's request to delete their account (after a cooling-off period)."""

    remove_posts = forms.BooleanField(
        label=_("Also remove the text of my forum posts"),
        required=False,
        help_text=_(
            "Without this your posts stay in their threads, signed “former member”, so that "
            "conversations remain readable."
        ),
    )


class FindAccountForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the account"))


class StaffEraseForm(forms.Form):
    remove_posts = forms.BooleanField(
        label=_("Also remove the text of their forum posts"), required=False
    )
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone"),
        required=True,
    )
