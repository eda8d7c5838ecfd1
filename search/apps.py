from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .models import SynonymGroup

        post_save.connect(_synonyms_changed, sender=SynonymGroup, dispatch_uid="search-syn-save")
        post_delete.connect(_synonyms_changed, sender=SynonymGroup, dispatch_uid="search-syn-del")
        post_migrate.connect(_drop_orphans, sender=self)


def _synonyms_changed(sender, **kwargs):
    from . import engines, synonyms

    synonyms.forget()
    engines.synonyms_changed()


def _drop_orphans(sender, using="default", **kwargs):
    """``flush`` (tests, ``manage.py flush``) empties Django's tables, not the search's own."""
    from django.db import connections

    connection = connections[using]
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Virtual tables are not in Django's table list.
            cursor.execute("SELECT name FROM sqlite_master")
            tables |= {row[0] for row in cursor.fetchall()}
        for table, key in (
            ("search_fts", "rowid"),
            ("search_title_fts", "rowid"),
            ("search_facet", "id"),
            ("search_facet_theme", "document_id"),
            ("search_pg_vector", "id"),
        ):
            if table in tables:
                cursor.execute(
                    f"DELETE FROM {table} WHERE {key} NOT IN "  # noqa: S608
                    "(SELECT id FROM search_indexeddocument)"
                )
