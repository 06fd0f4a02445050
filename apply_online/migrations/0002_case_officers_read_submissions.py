from django.db import migrations

from portal.groups import staff_group_ensure

CASE_OFFICER = "case officer"
# Frozen: case officers read submitted online applications and download their documents.
PERMISSIONS = ["view_draft", "view_draftdocument"]


def grant(apps, schema_editor):
    staff_group_ensure(apps, name=CASE_OFFICER, app_label="apply_online", codenames=PERMISSIONS)


def revoke(apps, schema_editor):
    staff_group_ensure(apps, name=CASE_OFFICER, app_label="apply_online", codenames=[])


class Migration(migrations.Migration):
    dependencies = [
        ("apply_online", "0001_initial"),
        ("applications", "0004_case_officers_unlink"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
