"""Who may read what: members-only products and the files attached to them."""

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page, ReferenceIndex

from .models import ActivityMaterial, KnowledgeProductPage


def document_is_members_only(document) -> bool:
    """A file used by members-only content, and by no public page, is for members only.

    Wagtail's reference index knows every use: downloads, document blocks and
    links in rich text. Materials of learning activities are for members too.
    """
    if ActivityMaterial.objects.filter(document=document).exists():
        return True
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = set(
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    if not page_ids:
        return False
    using_pages = Page.objects.filter(pk__in=[int(pk) for pk in page_ids])
    members_only = KnowledgeProductPage.objects.filter(
        pk__in=using_pages.values("pk"), members_only=True
    )
    if not members_only.exists():
        return False
    public_users = using_pages.live().public().exclude(pk__in=members_only.values("pk"))
    return not public_users.exists()
