"""PostgreSQL: an index of the word pairs in each vector, so a phrase of common words
("psychische problemen") is found without testing every document that holds both words.

``portal_word_pairs(vector)`` lists each two lexemes at neighbouring positions as one
lexeme ("psychisch problem"), from the vector's own lexemes and positions: every document
that matches the phrase ``a <-> b`` holds the pair "a b", so the pairs only narrow the
candidates and the phrase itself is still tested on each (see PostgresBackend._pairs).
"""

from django.db import migrations

FORWARDS = [
    "CREATE OR REPLACE FUNCTION public.portal_word_pairs(vector tsvector) RETURNS tsvector "
    "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ "
    "SELECT COALESCE(array_to_tsvector(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme)), "
    "''::tsvector) "
    "FROM (SELECT lexeme, unnest(positions) AS position FROM unnest(vector)) AS a "
    "JOIN (SELECT lexeme, unnest(positions) AS position FROM unnest(vector)) AS b "
    "ON b.position = a.position + 1 $$",
    "CREATE INDEX IF NOT EXISTS search_pg_vector_pairs ON search_pg_vector "
    "USING gin (public.portal_word_pairs(search_vector))",
]
BACKWARDS = [
    "DROP INDEX IF EXISTS search_pg_vector_pairs",
    "DROP FUNCTION IF EXISTS public.portal_word_pairs(tsvector)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, None)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0009_head_and_sample_indexes")]

    operations = [migrations.RunPython(_run(FORWARDS), _run(BACKWARDS))]
