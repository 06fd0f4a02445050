"""A case officer takes an application back from the account it was linked to, with a reason."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from accounts.models import SecurityEvent
from applications.models import Application, LinkChange
from applications.services import application_unlink
from tests.conftest import with_two_step
from tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


def staff_client(group):
    member = with_two_step(UserFactory(username=f"staff{group.replace(' ', '')}", is_staff=True))
    member.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(member)
    client.user = member
    return client


@pytest.fixture
def taken(applicant):
    return ApplicationFactory(number="E222222222", account=applicant)


def unlink_url(application, language="en"):
    return f"/{language}/admin/applications/application/{application.pk}/unlink/"


def test_a_case_officer_unlinks_with_a_reason_kept_in_history(taken, applicant):
    officer = staff_client("case officer")
    response = officer.post(unlink_url(taken), {"reason": "Linked by someone else (ticket 4411)"})
    assert response.status_code == 302
    taken.refresh_from_db()
    assert (taken.account, taken.linked_at) == (None, None)
    change = LinkChange.objects.get(application=taken, action="unlinked")
    assert (change.account, change.changed_by) == (applicant, officer.user)
    assert change.reason == "Linked by someone else (ticket 4411)"
    event = applicant.security_events.get(kind=SecurityEvent.Kind.APPLICATION_UNLINKED)
    assert event.detail == "E222222222"
    page = officer.get(f"/en/admin/applications/application/{taken.pk}/change/").content.decode()
    assert "Linked by someone else (ticket 4411)" in page


def test_the_former_owner_no_longer_sees_it(taken, applicant, signed_in):
    assert signed_in.get(f"/en/account/applications/{taken.number}/").status_code == 200
    application_unlink(application=taken, changed_by=None, reason="Wrong person")
    assert signed_in.get(f"/en/account/applications/{taken.number}/").status_code == 404


def test_a_reason_is_required(taken, applicant):
    officer = staff_client("case officer")
    response = officer.post(unlink_url(taken), {"reason": "   "})
    assert response.status_code == 200
    assert Application.objects.get(pk=taken.pk).account == applicant
    with pytest.raises(ValueError, match="reason"):
        application_unlink(application=taken, changed_by=None, reason="")


@pytest.mark.parametrize("group", ["triage", "content editor"])
def test_other_staff_groups_cannot_unlink(taken, applicant, group):
    response = staff_client(group).post(unlink_url(taken), {"reason": "Trying"})
    assert response.status_code == 403
    assert Application.objects.get(pk=taken.pk).account == applicant


def test_the_unlink_page_in_french(taken):
    page = staff_client("case officer").get(unlink_url(taken, "fr")).content.decode()
    assert "Délier la demande E222222222" in page
    assert 'lang="fr"' in page
