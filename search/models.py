from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import query


class IndexedDocument(models.Model):
    """A search document as the database backends store it.

    On SQLite an FTS5 table holds the analysed text under the same id; on PostgreSQL a
    generated tsvector column with a GIN index lives on this table. Both are created by
    this app's migrations for their own database only.
    """

    key = models.CharField(max_length=255, unique=True)
    source = models.CharField(max_length=255, db_index=True)
    kind = models.CharField(max_length=40, db_index=True)
    audience = models.CharField(max_length=60, db_index=True)
    title = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=1000)
    date = models.DateTimeField(null=True, blank=True, db_index=True)
    themes = models.JSONField(default=list, blank=True)
    parent_title = models.CharField(max_length=500, blank=True)
    anchor_label = models.CharField(max_length=40, blank=True)

    def __str__(self):
        return self.key


class IndexedTheme(models.Model):
    """One theme of one document, for filtering and counting by theme."""

    document = models.ForeignKey(IndexedDocument, on_delete=models.CASCADE, related_name="+")
    slug = models.CharField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["slug", "document"])]

    def __str__(self):
        return self.slug


class ThemeLabel(models.Model):
    """How a theme is called, once per theme: facets show labels, filters use slugs."""

    slug = models.CharField(max_length=100, unique=True)
    label = models.CharField(max_length=200)

    def __str__(self):
        return self.label


class IndexedTerm(models.Model):
    """The index's vocabulary per audience: for "did you mean" and autocomplete.

    Counted per audience so that a word that only occurs in staff documents is never
    suggested to a member.
    """

    term = models.CharField(max_length=40)
    audience = models.CharField(max_length=60)
    document_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["term", "audience"], name="search_term_audience")
        ]

    def __str__(self):
        return self.term


class SynonymGroup(models.Model):
    """Terms of the field that mean the same thing, applied on every backend."""

    terms = models.TextField(
        _("terms"),
        help_text=_(
            "The words or phrases that mean the same, separated by commas or on separate "
            "lines, for example: OCMW, sociaal huis, lokaal bestuur."
        ),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonyms")
        ordering = ["terms"]

    def __str__(self):
        return ", ".join(self.term_list())

    def term_list(self) -> list[str]:
        return query.split_terms(self.terms)

    def clean(self):
        if len(self.term_list()) < 2:
            raise ValidationError({"terms": _("Give at least two terms that mean the same.")})


class QueryStat(models.Model):
    """How often a query was searched on a day and how many results it last had.

    For SAM staff's report of queries that find nothing or little. Holds no user, no
    session and no address: only the query as the search reads it (folded, spaces
    collapsed), so two people typing "OCMW " and "ocmw" count as one. Rows older than
    ``search.querylog.RETENTION_DAYS`` are deleted (see ``querylog.prune``).
    """

    query = models.CharField(max_length=200)
    day = models.DateField()
    searches = models.PositiveIntegerField(default=0)
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["query", "day"], name="search_query_day")]
        indexes = [models.Index(fields=["day", "hits"])]

    def __str__(self):
        return self.query
