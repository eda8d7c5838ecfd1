from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.documents import get_document_model
from wagtail.signals import page_published

from . import tasks
from .models import (
    DocumentText,
    KnowledgeIndexPage,
    LearningActivityIndexPage,
    LearningActivityPage,
)


@receiver(post_save, sender=get_document_model())
def read_document_text(sender, instance, **kwargs):
    """Extract the text whenever a new file arrives (Wagtail hashes every upload)."""
    known = DocumentText.objects.filter(document=instance).values_list("file_hash", flat=True)
    if instance.file_hash and instance.file_hash in known:
        return
    DocumentText.objects.update_or_create(
        document=instance, defaults={"status": "pending", "error": "", "text": ""}
    )
    transaction.on_commit(lambda: tasks.extract_document_text.enqueue(instance.pk))


@receiver(page_published, sender=LearningActivityPage)
def fill_places_after_publish(sender, instance, **kwargs):
    """More places after an edit: move people up from the waiting list."""
    from .registrations import fill_free_places

    with transaction.atomic():
        locked = LearningActivityPage.objects.select_for_update().get(pk=instance.pk)
        fill_free_places(locked)


@receiver(post_save, sender=KnowledgeIndexPage)
@receiver(post_save, sender=LearningActivityIndexPage)
def cover_section_with_workflow(sender, instance, created, **kwargs):
    if created:
        from .workflow import ensure_workflow

        transaction.on_commit(ensure_workflow)
