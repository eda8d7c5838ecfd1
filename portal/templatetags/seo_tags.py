"""{% seo_head %}: the canonical link, Open Graph tags and JSON-LD of the response (portal.seo)."""

from django import template

from portal import seo

register = template.Library()


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context):
    return seo.head_tags(context.get("request"), context.get("page"))
