"""What the knowledge base adds to portal.visibility's rule for files."""

from portal import visibility

from .models import ActivityMaterial


def materials_using(document) -> list:
    """Materials of learning activities are for members, on top of the activity's privacy."""
    materials = ActivityMaterial.objects.filter(document=document).select_related("activity")
    return [(material.activity, True) for material in materials]


def register() -> None:
    visibility.register_file_users(materials_using)
