from django import template

from ..calendar import absolute_url, webcal_url

register = template.Library()


@register.simple_tag
def calendar_subscription(index_page, route: str = "calendar", **kwargs) -> dict:
    """The feed's address (from SITE_URL) as https:// to copy and as webcal:// to open."""
    address = absolute_url(index_page) + index_page.reverse_subpage(route, kwargs=kwargs or None)
    return {"address": address, "webcal": webcal_url(address)}


@register.simple_tag
def my_calendar_subscription(index_page, user) -> dict | None:
    """The member's own feed, if they made its address."""
    from ..calendar_views import feed_for

    feed = feed_for(user)
    if feed is None:
        return None
    return calendar_subscription(index_page, "my_calendar", token=feed.token)
