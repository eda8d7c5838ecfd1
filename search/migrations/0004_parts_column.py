"""SQLite: the document FTS table gains a ``parts`` column (hyphen and compound parts,
weighted below the body), and hyphenated words are now indexed joined. The table is
created again and filled from the stored documents. PostgreSQL keeps its table: run
``manage.py rebuild_search_index`` once to give existing documents their parts.
"""

from django.db import migrations

CREATE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    " title, summary, body, parts, meta, tokenize = 'unicode61 remove_diacritics 2')"
)
RANK = "INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0, 1.0, 0.0)')"
OLD_CREATE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    " title, summary, body, meta, tokenize = 'unicode61 remove_diacritics 2')"
)
OLD_RANK = "INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0, 0.0)')"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from search.backends.database import SQLiteBackend

    schema_editor.execute("DROP TABLE search_fts")
    schema_editor.execute(CREATE)
    schema_editor.execute(RANK)
    IndexedDocument = apps.get_model("search", "IndexedDocument")
    rows = list(IndexedDocument.objects.all())
    for start in range(0, len(rows), 500):
        SQLiteBackend().insert_document_text(rows[start : start + 500])


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute("DROP TABLE search_fts")
    schema_editor.execute(OLD_CREATE)
    schema_editor.execute(OLD_RANK)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_seed_synonyms")]

    operations = [migrations.RunPython(forwards, backwards)]
