"""The "triage" group: exactly what triaging problem reports and support requests needs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "triage"
PERMISSIONS = [
    "view_problemreport",
    "change_problemreport",
    "view_supportrequest",
    "change_supportrequest",
]


def create_group(apps, schema_editor):
    # Permissions are normally made after migrations; the group needs them now.
    app_config = apps.get_app_config("feedback")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="feedback", codename__in=PERMISSIONS)
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
