import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client

from applications.models import Message, Step, StepChange
from tests.conftest import with_two_step
from tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(db):
    officer = with_two_step(UserFactory(username="caseofficer", is_staff=True))
    officer.groups.add(Group.objects.get(name="case officer"))
    client = Client()
    client.force_login(officer)
    client.user = officer
    return client


def change_form_data(application, **extra):
    steps = list(application.steps.order_by("id"))
    data = {
        "number": application.number,
        "uci": application.uci,
        "type": application.type_id,
        "received_on": application.received_on.isoformat(),
        "status": application.status,
        "family_name": application.family_name,
        "given_names": application.given_names,
        "date_of_birth": application.date_of_birth.isoformat(),
        "steps-TOTAL_FORMS": len(steps),
        "steps-INITIAL_FORMS": len(steps),
        "steps-MIN_NUM_FORMS": 0,
        "steps-MAX_NUM_FORMS": 1000,
        "messages-TOTAL_FORMS": 0,
        "messages-INITIAL_FORMS": 0,
        "messages-MIN_NUM_FORMS": 0,
        "messages-MAX_NUM_FORMS": 1000,
    }
    for index, step in enumerate(steps):
        data[f"steps-{index}-id"] = step.pk
        data[f"steps-{index}-application"] = application.pk
        data[f"steps-{index}-state"] = step.state
    data.update(extra)
    return data, {step.kind: index for index, step in enumerate(steps)}


def test_case_officer_finds_applications_by_number_uci_and_name(officer_client):
    ApplicationFactory(number="W123123123", uci="12345678", family_name="Nguyen")
    ApplicationFactory(number="W999999999", family_name="Other")
    for query in ("W123123123", "12345678", "nguyen"):
        response = officer_client.get("/en/admin/applications/application/", {"q": query})
        assert response.status_code == 200
        assert "W123123123" in response.content.decode()
        assert "W999999999" not in response.content.decode()


def test_step_change_with_a_message_notifies_the_applicant_in_their_language(
    officer_client, django_capture_on_commit_callbacks
):
    applicant = UserFactory(
        username="mariecote", preferred_language="fr", email="marie@example.com"
    )
    application = ApplicationFactory(account=applicant)
    data, index = change_form_data(
        application,
        notify="on",
        message_subject_en="Interview",
        message_subject_fr="Entrevue",
        message_body_en="Your interview is on May 3.",
        message_body_fr="Votre entrevue aura lieu le 3 mai.",
    )
    data[f"steps-{index['interview']}-state"] = "in_progress"
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            f"/en/admin/applications/application/{application.pk}/change/", data
        )
    assert response.status_code == 302
    step = Step.objects.get(application=application, kind="interview")
    assert step.state == "in_progress"
    change = StepChange.objects.get(step=step)
    assert (change.old_state, change.new_state) == ("not_started", "in_progress")
    assert change.changed_by == officer_client.user
    message = Message.objects.get(application=application)
    assert (message.subject_en, message.subject_fr) == ("Interview", "Entrevue")
    assert change.message == message
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["marie@example.com"]
    assert email.subject == "Vous avez un nouveau message dans votre compte sécurisé d’IRCC"
    assert "3 mai" not in email.body
    assert "Entrevue" not in email.body
    assert "/en/account/sign-in/" in email.body or "/fr/compte/ouvrir-session/" in email.body
    assert "3 mai" not in email.alternatives[0][0]


def test_a_message_needs_both_languages(officer_client):
    application = ApplicationFactory()
    data, _index = change_form_data(
        application, notify="on", message_subject_en="Hi", message_body_en="Hello"
    )
    response = officer_client.post(
        f"/en/admin/applications/application/{application.pk}/change/", data
    )
    assert response.status_code == 200
    assert not Message.objects.exists()


def test_history_is_readable_by_the_case_officer(officer_client):
    application = ApplicationFactory()
    data, index = change_form_data(application)
    data[f"steps-{index['eligibility']}-state"] = "completed"
    officer_client.post(f"/en/admin/applications/application/{application.pk}/change/", data)
    page = officer_client.get(f"/en/admin/applications/application/{application.pk}/change/")
    assert "Not started → Completed" in page.content.decode()


def test_case_officers_see_no_users_and_triagers_see_no_applications(officer_client):
    assert officer_client.get("/en/admin/accounts/user/").status_code == 403
    assert officer_client.get("/en/admin/applications/application/").status_code == 200
    triager = with_two_step(UserFactory(username="triagerone", is_staff=True))
    triager.groups.add(Group.objects.get_or_create(name="triage")[0])
    client = Client()
    client.force_login(triager)
    assert client.get("/en/admin/applications/application/").status_code == 403


@pytest.mark.django_db(transaction=True)
def test_the_email_task_runs_from_the_database_queue(settings, django_capture_on_commit_callbacks):
    """In production tasks wait in the database for `db_worker`; nothing is sent before."""
    from django.core.management import call_command

    from applications.services import message_send

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    applicant = UserFactory(username="mariecote", email="marie@example.com")
    application = ApplicationFactory(account=applicant)
    with django_capture_on_commit_callbacks(execute=True):
        message_send(
            application=application, subject_en="a", subject_fr="b", body_en="c", body_fr="d"
        )
    assert mail.outbox == []
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    assert len(mail.outbox) == 1
