"""The database's cache table: where the shared cache goes while Redis is down (portal/cache.py).

Django creates cache tables with ``createcachetable``, not with migrations; running it here means
``migrate`` alone prepares a database, on every deployment.
"""

from django.core.cache import caches
from django.core.management import call_command
from django.db import migrations


def create_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_table(apps, schema_editor):
    table = schema_editor.quote_name(caches["database"]._table)
    schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_content_editor_group")]

    operations = [migrations.RunPython(create_table, drop_table, elidable=False)]
