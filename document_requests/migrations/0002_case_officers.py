from django.db import migrations

from portal.groups import staff_group_ensure

CASE_OFFICER = "case officer"
# Frozen: case officers ask for documents, follow the answers and review them.
PERMISSIONS = [
    "view_documentkind",
    "view_documentrequest",
    "add_documentrequest",
    "change_documentrequest",
    "view_requesteditem",
    "add_requesteditem",
    "change_requesteditem",
    "delete_requesteditem",
    "view_replydocument",
    "view_answeredrequest",
    "change_answeredrequest",
]


def grant(apps, schema_editor):
    staff_group_ensure(
        apps, name=CASE_OFFICER, app_label="document_requests", codenames=PERMISSIONS
    )


def revoke(apps, schema_editor):
    staff_group_ensure(apps, name=CASE_OFFICER, app_label="document_requests", codenames=[])


class Migration(migrations.Migration):
    dependencies = [
        ("document_requests", "0001_initial"),
        ("applications", "0004_case_officers_unlink"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
