from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.documents import get_document_model
from wagtail.signals import page_published, page_unpublished

import search

from . import tasks
from .models import (
    DocumentText,
    KnowledgeIndexPage,
    KnowledgeProductPage,
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


@receiver(post_save, sender=DocumentText)
def index_document_text(sender, instance, **kwargs):
    """The extracted text arrives after the file: index the file again with it."""
    search.index(instance.document)


@receiver(page_published, sender=KnowledgeProductPage)
@receiver(page_unpublished, sender=KnowledgeProductPage)
@receiver(page_published, sender=LearningActivityPage)
@receiver(page_unpublished, sender=LearningActivityPage)
def index_files_of_page(sender, instance, **kwargs):
    """A file's audience and findability follow the pages that use it."""
    from .search_documents import documents_of

    for document in documents_of(instance):
        search.index(document)
