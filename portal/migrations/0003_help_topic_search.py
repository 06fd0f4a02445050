"""Full-text search of help topics on PostgreSQL; nothing to do on other databases.

``portal_english`` and ``portal_french`` are copies of PostgreSQL's ``english`` and ``french``
configurations whose words first pass through ``unaccent``, so "cle" finds "clé". The GIN
indexes cover exactly the expression portal.search._topic_document() builds: the question
weighted A, the answer's text weighted B.
"""

from django.db import migrations

CONFIGS = {"en": ("portal_english", "english"), "fr": ("portal_french", "french")}


def index_sql(language):
    config = CONFIGS[language][0]
    return (
        f"CREATE INDEX IF NOT EXISTS portal_helptopic_search_{language} ON portal_helptopic "
        f"USING gin ((setweight(to_tsvector('{config}'::regconfig, "
        f"COALESCE(\"portal_helptopic\".\"question_{language}\", '')), 'A') || "
        f"setweight(to_tsvector('{config}'::regconfig, "
        f"COALESCE(\"portal_helptopic\".\"answer_text_{language}\", '')), 'B')))"
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
        schema_editor.execute(index_sql(language))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language, (config, _base) in CONFIGS.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS portal_helptopic_search_{language}")
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {config}")


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_help_topic")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
