"""PostgreSQL: each vector row carries a bit per theme (its ThemeLabel id), so the theme
facet and filter come from the same scan as the match, without joining every document's
theme rows (see PostgresBackend._theme_bits)."""

from django.db import migrations

FORWARDS = [
    "ALTER TABLE search_pg_vector ADD COLUMN themes_mask bigint NOT NULL DEFAULT 0",
    "UPDATE search_pg_vector v SET themes_mask = ("
    " SELECT COALESCE(bit_or(CAST(1 AS bigint) << CAST(l.id AS integer)), 0)"
    " FROM search_themelabel l WHERE l.id <= 62 AND l.slug IN ("
    "  SELECT theme->>0 FROM search_indexeddocument d, jsonb_array_elements(d.themes) AS theme"
    "  WHERE d.id = v.id))",
]
BACKWARDS = ["ALTER TABLE search_pg_vector DROP COLUMN themes_mask"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0007_synonym_corrections")]

    operations = [migrations.RunPython(_run(FORWARDS), _run(BACKWARDS))]
