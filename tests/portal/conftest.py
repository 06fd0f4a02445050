import pytest
from django.contrib.auth.models import Group

from tests.conftest import with_two_step


@pytest.fixture
def editor(django_user_model):
    """A staff member of the "content editor" group (made by a data migration)."""
    user = django_user_model.objects.create_user(
        username="editor01", password="Editor-pass-2026", is_staff=True
    )
    user.groups.add(Group.objects.get(name="content editor"))
    return with_two_step(user)  # the admin requires it of every staff member


@pytest.fixture
def editor_client(client, editor):
    """The admin as a content editor sees it. The one place where staff sign in for tests."""
    client.force_login(editor)
    return client
