from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ProfessionalRole, Region, User

PROFILE_FIELDS = ["first_name", "last_name", "organisation", "region", "role"]


class SignupForm(forms.Form):
    """The extra questions on allauth's registration form."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
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
