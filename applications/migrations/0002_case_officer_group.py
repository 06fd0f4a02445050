from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "case officer"
PERMISSIONS = [
    ("applications", "view_application"),
    ("applications", "change_application"),
    ("applications", "view_applicationtype"),
    ("applications", "view_step"),
    ("applications", "change_step"),
    ("applications", "view_stepchange"),
    ("applications", "view_message"),
    ("applications", "add_message"),
]


def create_group(apps, schema_editor):
    # Permissions are normally made after migrations; make this app's now.
    app_config = apps.get_app_config("applications")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.set(
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in PERMISSIONS
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
