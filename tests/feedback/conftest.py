import pytest
from django.contrib.auth.models import Group
from django.core.files.storage import FileSystemStorage
from django.test import Client

from feedback.models import SupportRequest
from tests.factories import StaffUserFactory


@pytest.fixture(autouse=True)
def _attachments_in_tmp(monkeypatch, tmp_path):
    """Attachments go to a folder of the test's own.

    The field took its storage from STORAGES when the model was loaded, so it is swapped here.
    """
    field = SupportRequest._meta.get_field("attachment")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=tmp_path / "attachments"))
    return tmp_path / "attachments"


@pytest.fixture
def attachments_dir(_attachments_in_tmp):
    return _attachments_in_tmp


@pytest.fixture
def client():
    """A browser's client: it says where its posts come from, as every browser does."""
    return Client(headers={"origin": "http://testserver"})


@pytest.fixture
def triager(db):
    user = StaffUserFactory(username="triager1")
    user.groups.add(Group.objects.get(name="triage"))
    return user


@pytest.fixture
def triager_client(client, triager):
    """A staff member of the "triage" group, signed in to the admin.

    The one place these tests sign staff in: when the admin requires two-step verification,
    adapt this fixture only.
    """
    client.force_login(triager)
    return client
