"""The "content editor" group: edits the notices and the help topics, and nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "content editor"
MODELS = ("notice", "helptopic")
ACTIONS = ("view", "add", "change", "delete")


def create_group(apps, schema_editor):
    # Permissions are made after migrations on a fresh database: make the portal's now.
    portal = apps.get_app_config("portal")
    portal.models_module = True
    create_permissions(portal, apps=apps, verbosity=0)
    portal.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="portal",
            codename__in=[f"{action}_{model}" for model in MODELS for action in ACTIONS],
        )
    )


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_help_topic_search"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
