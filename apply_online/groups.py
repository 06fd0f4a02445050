"""What case officers may do with online applications: read what was submitted."""

from portal.groups import staff_group_ensure

CASE_OFFICER = "case officer"
CASE_OFFICER_PERMISSIONS = ["view_draft", "view_draftdocument"]


def case_officer_group_ensure(apps):
    return staff_group_ensure(
        apps, name=CASE_OFFICER, app_label="apply_online", codenames=CASE_OFFICER_PERMISSIONS
    )
