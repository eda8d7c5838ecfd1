"""The filter forms of the knowledge base and the activity list: plain GET forms that work
without JavaScript and keep their state in the address."""

from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import ActivityKind, Audience, ProductType, Theme


class _FilterForm(forms.Form):
    def clean_values(self) -> dict:
        return self.cleaned_data if self.is_bound and self.is_valid() else {}

    def query_string(self) -> str:
        """The active filters, to keep them when paging."""
        if not self.is_bound:
            return ""
        pairs = [(name, self.data.get(name)) for name in self.fields if self.data.get(name)]
        return urlencode(pairs)

    def is_filtered(self) -> bool:
        return any(value for name, value in self.clean_values().items() if name not in ("sorteer",))


def _theme_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Theme"),
        required=False,
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("All themes"),
    )


class ProductFilterForm(_FilterForm):
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *ProductType.choices]
    )
    thema = _theme_field()
    doelgroep = forms.ModelChoiceField(
        label=_("Target audience"),
        required=False,
        queryset=Audience.objects.all(),
        to_field_name="slug",
        empty_label=_("Everyone"),
    )
    sorteer = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("nieuw", _("Newest first")), ("az", _("Title A-Z"))],
    )

    def apply(self, products: QuerySet) -> QuerySet:
        values = self.clean_values()
        if values.get("type"):
            products = products.filter(product_type=values["type"])
        if values.get("thema"):
            products = products.filter(themes=values["thema"])
        if values.get("doelgroep"):
            products = products.filter(audiences=values["doelgroep"])
        if values.get("sorteer") == "az":
            return products.order_by("title", "pk")
        return products.order_by("-first_published_at", "-pk")


class ActivityFilterForm(_FilterForm):
    wanneer = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("komend", _("Upcoming")), ("voorbij", _("Past"))],
    )
    soort = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ActivityKind.choices]
    )
    thema = _theme_field()

    @property
    def showing_past(self) -> bool:
        return self.clean_values().get("wanneer") == "voorbij"

    def is_filtered(self) -> bool:
        values = self.clean_values()
        return bool(values.get("soort") or values.get("thema"))

    def apply(self, activities: QuerySet, now) -> QuerySet:
        values = self.clean_values()
        if values.get("soort"):
            activities = activities.filter(kind=values["soort"])
        if values.get("thema"):
            activities = activities.filter(themes=values["thema"])
        if self.showing_past:
            return activities.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
        return activities.filter(ends_at__gte=now).order_by("starts_at", "pk")
