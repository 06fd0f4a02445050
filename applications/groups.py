"""The "case officer" group: what case officers may do in the admin, and nothing else."""

from portal.groups import staff_group_ensure

CASE_OFFICER = "case officer"
CASE_OFFICER_PERMISSIONS = [
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


def case_officer_group_ensure(apps):
    """Create or reset the group; ``apps`` is a migration's registry or django.apps.apps."""
    return staff_group_ensure(
        apps, name=CASE_OFFICER, app_label="applications", codenames=CASE_OFFICER_PERMISSIONS
    )
