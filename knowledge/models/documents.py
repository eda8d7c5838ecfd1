from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.documents import get_document_model_string


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be read")
    OK = "ok", _("Text read")
    FAILED = "failed", _("Could not be read")
    UNSUPPORTED = "unsupported", _("No text to read (not a PDF or Word file)")


class DocumentText(models.Model):
    """The text of an uploaded document, kept for search.

    A separate table rather than a custom document model: the document stays
    Wagtail's own, and a file that cannot be read is simply stored without text.
    """

    document = models.OneToOneField(
        get_document_model_string(),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="extracted",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
    )
    text = models.TextField(_("text"), blank=True)
    error = models.CharField(_("reason"), max_length=300, blank=True)
    file_hash = models.CharField(max_length=40, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("document text")
        verbose_name_plural = _("document texts")

    def __str__(self):
        return f"{self.document_id}: {self.status}"
