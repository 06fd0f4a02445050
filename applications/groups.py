"""The "case officer" group: what case officers may do in the admin, and nothing else."""

CASE_OFFICER = "case officer"
CASE_OFFICER_PERMISSIONS = [
    ("applications", "view_application"),
    ("applications", "change_application"),
    ("applications", "view_applicationtype"),
    ("applications", "view_step"),
    ("applications", "change_step"),
    ("applications", "view_stepchange"),
    ("applications", "view_message"),
    ("applications", "add_message"),
]


def case_officer_group_ensure(apps):
    """Create or reset the group; ``apps`` is a migration's registry or django.apps.apps."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=CASE_OFFICER)
    group.permissions.set(
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in CASE_OFFICER_PERMISSIONS
    )
    return group
