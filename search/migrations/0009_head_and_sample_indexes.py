"""PostgreSQL: two small indexes for searches with very many matches (see
DatabaseBackend._approximate).

- ``search_pg_vector_head``: the vector's title and summary entries only (weights A and
  B), so the documents that carry the query in their title or summary are found without
  reading every match.
- ``search_pg_vector_sample``: the vectors of every 16th document, so counts and facets
  can be estimated from a fixed sample (``id % 16 = 0``; the query must repeat the same
  condition for the planner to use it).
"""

from django.db import migrations

FORWARDS = [
    "CREATE INDEX IF NOT EXISTS search_pg_vector_head ON search_pg_vector "
    "USING gin (ts_filter(search_vector, '{a,b}'))",
    "CREATE INDEX IF NOT EXISTS search_pg_vector_sample ON search_pg_vector "
    "USING gin (search_vector) WHERE (id % 16) = 0",
]
BACKWARDS = [
    "DROP INDEX IF EXISTS search_pg_vector_head",
    "DROP INDEX IF EXISTS search_pg_vector_sample",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, None)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0008_vector_themes")]

    operations = [migrations.RunPython(_run(FORWARDS), _run(BACKWARDS))]
