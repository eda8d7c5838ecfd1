from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class _Term(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Used in web addresses of filtered lists, e.g. ?thema=werk."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Theme(_Term):
    """A subject shared by knowledge products, activities and (later) episodes and topics."""

    description = models.TextField(_("description"), blank=True)

    panels = _Term.panels + [FieldPanel("description")]

    class Meta(_Term.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Audience(_Term):
    """Who a knowledge product is written for."""

    class Meta(_Term.Meta):
        verbose_name = _("target audience")
        verbose_name_plural = _("target audiences")
