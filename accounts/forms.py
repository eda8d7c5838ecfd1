from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ProfessionalRole, Region, User

PROFILE_FIELDS = ["first_name", "last_name", "organisation", "region", "role"]


class SignupForm(forms.Form):
    """The extra questions on allauth's registration form."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Familienaam"), max_length=150)
    organisation = forms.CharField(
        label=_("Organisatie"),
        max_length=200,
        help_text=_("Bijvoorbeeld het OCMW, CGG of de dienst waarvoor je werkt."),
    )
    region = forms.ChoiceField(
        label=_("Regio"), choices=[("", _("Kies je regio"))] + Region.choices
    )
    role = forms.ChoiceField(
        label=_("Functie"), choices=[("", _("Kies je functie"))] + ProfessionalRole.choices
    )

    def signup(self, request, user):
        for field in PROFILE_FIELDS:
            setattr(user, field, self.cleaned_data[field])
        user.save(update_fields=PROFILE_FIELDS)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = PROFILE_FIELDS
        labels = {"first_name": _("Voornaam"), "last_name": _("Familienaam")}
