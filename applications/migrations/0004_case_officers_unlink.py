from django.db import migrations

from portal.groups import staff_group_ensure

CASE_OFFICER = "case officer"
# Frozen: case officers may now unlink an application (with a reason) and read the link history.
PERMISSIONS = [
    "view_application",
    "change_application",
    "view_applicationtype",
    "view_step",
    "change_step",
    "view_stepchange",
    "view_message",
    "add_message",
    "unlink_application",
    "view_linkchange",
]
BEFORE = PERMISSIONS[:-2]


def grant(apps, schema_editor):
    staff_group_ensure(apps, name=CASE_OFFICER, app_label="applications", codenames=PERMISSIONS)


def revoke(apps, schema_editor):
    staff_group_ensure(apps, name=CASE_OFFICER, app_label="applications", codenames=BEFORE)


class Migration(migrations.Migration):
    dependencies = [("applications", "0003_link_by_identifier_only")]

    operations = [migrations.RunPython(grant, revoke)]
