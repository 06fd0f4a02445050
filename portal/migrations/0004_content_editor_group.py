"""The "content editor" group: edits the notices and the help topics, and nothing else."""

from django.db import migrations

from portal.groups import staff_group_ensure, staff_group_remove

GROUP = "content editor"
MODELS = ("notice", "helptopic")
ACTIONS = ("view", "add", "change", "delete")


def create_group(apps, schema_editor):
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    staff_group_ensure(apps, name=GROUP, app_label="portal", codenames=codenames)


def delete_group(apps, schema_editor):
    staff_group_remove(apps, name=GROUP)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_help_topic_search"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
