"""The help topics moved from `portal` to `helpcentre` without losing a row or a permission."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from portal.groups import staff_group_ensure

BEFORE = [("portal", "0005_cache_table"), ("helpcentre", None)]


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_its_topics_and_permissions():
    executor = MigrationExecutor(connection)
    after = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = executor.loader.project_state([BEFORE[0]]).apps
    # The content editors as a database of that time had them (other transactional tests may
    # have emptied the tables the data migrations filled).
    staff_group_ensure(
        old,
        name="content editor",
        app_label="portal",
        codenames=["view_helptopic", "add_helptopic", "change_helptopic", "delete_helptopic"],
    )
    OldTopic = old.get_model("portal", "HelpTopic")
    OldTopic.objects.create(
        category="gckey", question_en="Kept?", question_fr="Gardée ?", slug_en="kept"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)

    from django.contrib.auth.models import Group, Permission

    from helpcentre.models import HelpTopic

    assert HelpTopic.objects.get(slug_en="kept").question_fr == "Gardée ?"
    editors = Group.objects.get(name="content editor")
    assert editors.permissions.filter(
        content_type__app_label="helpcentre", codename="change_helptopic"
    ).exists()
    assert not Permission.objects.filter(
        content_type__app_label="portal", codename__contains="helptopic"
    )
