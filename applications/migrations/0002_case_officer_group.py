from django.db import migrations

from applications.groups import CASE_OFFICER, case_officer_group_ensure
from portal.groups import staff_group_remove


def create_group(apps, schema_editor):
    case_officer_group_ensure(apps)


def remove_group(apps, schema_editor):
    staff_group_remove(apps, name=CASE_OFFICER)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
