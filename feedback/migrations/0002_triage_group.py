"""The "triage" group: exactly what triaging problem reports and support requests needs."""

from django.db import migrations

from portal.groups import staff_group_ensure, staff_group_remove

GROUP = "triage"
PERMISSIONS = [
    "view_problemreport",
    "change_problemreport",
    "view_supportrequest",
    "change_supportrequest",
]


def create_group(apps, schema_editor):
    staff_group_ensure(apps, name=GROUP, app_label="feedback", codenames=PERMISSIONS)


def remove_group(apps, schema_editor):
    staff_group_remove(apps, name=GROUP)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
