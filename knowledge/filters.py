"""The filter forms of the knowledge base and the activity list: plain GET forms that work
without JavaScript and keep their state in the address."""

import unicodedata
from urllib.parse import urlencode

from django import forms
from django.db.models import Case, IntegerField, QuerySet, Value, When
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
            return by_title(products)
        return products.order_by("-first_published_at", "-pk")

    def sorted_by_date(self) -> bool:
        return self.clean_values().get("sorteer") != "az"


def title_sort_key(title: str) -> str:
    """How a reader expects titles in a Dutch A-Z list: case and accents do not count
    ("één" beside "een", "appel" beside "Appel", not after every capital)."""
    decomposed = unicodedata.normalize("NFKD", title.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).strip()


def by_title(products: QuerySet) -> QuerySet:
    """Order by title, case- and accent-insensitively, the same on SQLite and PostgreSQL.

    ORDER BY title follows the database collation: SQLite's BINARY puts every capital before
    "a" (and lower() there only folds ASCII), PostgreSQL's depends on the cluster's locale
    (with "C" it is the same as SQLite). So the order is decided here and handed to the
    database as a CASE expression; a knowledge base holds hundreds of products, not millions.
    """
    rows = sorted(
        products.values_list("pk", "title"), key=lambda r: (title_sort_key(r[1]), r[1], r[0])
    )
    if not rows:
        return products
    position = Case(
        *(When(pk=pk, then=Value(index)) for index, (pk, _title) in enumerate(rows)),
        output_field=IntegerField(),
    )
    return products.annotate(title_position=position).order_by("title_position")


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
