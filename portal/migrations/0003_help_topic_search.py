"""Full-text search of help topics on PostgreSQL; nothing to do on other databases.

``portal_english`` and ``portal_french`` are copies of PostgreSQL's ``english`` and ``french``
configurations whose words first pass through ``unaccent``, so "cle" finds "clé". Each language
has a stored, generated ``search_<language>`` column (the question weighted A, the answer's text
weighted B, each through both configurations), unknown to the model and read by portal.search on PostgreSQL only, with a GIN index.
Stored, so a search never parses a topic's text again. PostgreSQL refuses to change the type of a
column a generated column reads: drop ``search_<language>`` first in such a migration, then run
this one's SQL again.
"""

from django.db import migrations

CONFIGS = {"en": ("portal_english", "english"), "fr": ("portal_french", "french")}


def column_sql(language):
    # Each text twice: accents folded (so "cle" finds "clé"), and as the stock configuration
    # stems it (French stems words better with their accents: "oubliée" and "oublié").
    folded, stock = CONFIGS[language]
    parts = [
        f"setweight(to_tsvector('{config}'::regconfig, COALESCE({field}_{language}, '')), "
        f"'{weight}')"
        for field, weight in (("question", "A"), ("answer_text", "B"))
        for config in (folded, f"pg_catalog.{stock}")
    ]
    return (
        f"ALTER TABLE portal_helptopic ADD COLUMN IF NOT EXISTS search_{language} tsvector "
        f"GENERATED ALWAYS AS ({' || '.join(parts)}) STORED"
    )


def index_sql(language):
    return (
        f"CREATE INDEX IF NOT EXISTS portal_helptopic_search_{language} ON portal_helptopic "
        f"USING gin (search_{language})"
    )


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for language, (config, base) in CONFIGS.items():
        schema_editor.execute(
            f"DO $$ BEGIN "
            f"CREATE TEXT SEARCH CONFIGURATION {config} (COPY = pg_catalog.{base}); "
            f"EXCEPTION WHEN unique_violation THEN NULL; END $$"
        )
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {config} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {base}_stem"
        )
        schema_editor.execute(column_sql(language))
        schema_editor.execute(index_sql(language))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language, (config, _base) in CONFIGS.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS portal_helptopic_search_{language}")
        schema_editor.execute(f"ALTER TABLE portal_helptopic DROP COLUMN IF EXISTS search_{language}")
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {config}")


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_help_topic")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
