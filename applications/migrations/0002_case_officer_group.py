from django.db import migrations

from portal.groups import staff_group_ensure, staff_group_remove

CASE_OFFICER = "case officer"
# Frozen: the permissions this migration gave; later migrations change them.
PERMISSIONS = [
    "view_application",
    "change_application",
    "view_applicationtype",
    "view_step",
    "change_step",
    "view_stepchange",
    "view_message",
    "add_message",
]


def create_group(apps, schema_editor):
    staff_group_ensure(apps, name=CASE_OFFICER, app_label="applications", codenames=PERMISSIONS)


def remove_group(apps, schema_editor):
    staff_group_remove(apps, name=CASE_OFFICER)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
