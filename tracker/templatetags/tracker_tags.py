from django import template

from tracker import access

register = template.Library()


@register.simple_tag(takes_context=True)
def tracker_roles(context) -> dict:
    """What the tracker's navigation offers the user: {"triage", "export", "dossiers"}."""
    user = context["request"].user
    return {
        "triage": access.can_triage(user),
        "export": access.can_export(user),
        "manage_dossiers": access.can_manage_dossiers(user),
    }
