from django.contrib.auth.management import create_permissions
from django.db import migrations

from applications.groups import CASE_OFFICER, case_officer_group_ensure


def create_group(apps, schema_editor):
    # Permissions are normally made after migrations; make this app's now.
    app_config = apps.get_app_config("applications")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    case_officer_group_ensure(apps)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CASE_OFFICER).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
