"""The help topics now belong to the help centre (helpcentre 0001): state only, no table dropped."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0005_cache_table"),
        ("helpcentre", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel("HelpTopic")])
    ]
