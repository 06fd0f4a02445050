import pytest
from django.utils import timezone

from applications.models import Step
from tests.factories import ApplicationFactory, MessageFactory, UserFactory
from tests.html import page_facts, parse

pytestmark = pytest.mark.django_db


def test_account_home_lists_linked_applications_with_unread_counts(signed_in, linked):
    MessageFactory(application=linked)
    MessageFactory(application=linked, read_at=timezone.now())
    ApplicationFactory(number="W999999999")  # someone else's
    soup = parse(signed_in.get("/en/account/"))
    rows = soup.select("#applications-heading ~ table tbody tr")
    assert len(rows) == 1
    for label in rows[0].select(".cell-label"):  # the column's name, shown on narrow screens
        label.extract()
    cells = [cell.get_text(strip=True) for cell in rows[0].select("td")]
    assert cells == ["Work permit", "W100000001", "2026-10-01", "Submitted", "1"]
    assert "1 unread message" in soup.get_text()


def test_account_home_explains_linking_when_empty(signed_in):
    soup = parse(signed_in.get("/fr/compte/"))
    assert "liez votre demande" in soup.select_one("main").get_text()
    assert soup.find("a", href="/fr/compte/demandes/lier/")


def test_application_page_shows_details_status_and_steps(signed_in, linked):
    response = signed_in.get("/en/account/applications/W100000001/")
    facts = page_facts(response)
    assert facts["h1"] == ["Application W100000001"]
    assert facts["toggle"] == "/fr/compte/demandes/W100000001/"
    text = parse(response).select_one("main").get_text(" ", strip=True)
    assert "Marie Ève Côté" in text
    assert linked.uci_display in text
    assert "-" in linked.uci_display
    steps = [h.get_text(strip=True) for h in parse(response).select(".step h3")]
    assert steps == [
        "Review of eligibility",
        "Additional documents",
        "Interview",
        "Background check",
        "Final decision",
    ]


def test_biometrics_and_medical_steps_show_once_processed(signed_in, linked):
    Step.objects.filter(application=linked, kind="biometrics").update(state="in_progress")
    Step.objects.filter(application=linked, kind="medical").update(state="completed")
    soup = parse(signed_in.get("/en/account/applications/W100000001/"))
    steps = [h.get_text(strip=True) for h in soup.select(".step h3")]
    assert "Medical results" in steps
    assert "Biometrics" not in steps
    medical = next(li for li in soup.select(".step") if "Medical" in li.h3.get_text())
    assert "processed your medical exam results" in medical.get_text()


def test_step_explanations_in_french(signed_in, linked):
    Step.objects.filter(application=linked, kind="eligibility").update(state="in_progress")
    soup = parse(signed_in.get("/fr/compte/demandes/W100000001/"))
    eligibility = soup.select(".step")[0]
    assert "Examen de l’admissibilité" in eligibility.get_text()
    assert "En cours" in eligibility.get_text()


def test_messages_newest_first_unread_marked_and_read_on_opening(signed_in, linked):
    old = MessageFactory(application=linked, subject_en="Older")
    new = MessageFactory(application=linked, subject_en="Newer")
    type(old).objects.filter(pk=old.pk).update(sent_at=timezone.now() - timezone.timedelta(days=2))
    soup = parse(signed_in.get("/en/account/applications/W100000001/"))
    subjects = [row.a.get_text() for row in soup.select("#messages-heading ~ table tbody tr")]
    assert subjects == ["Newer", "Older"]
    assert len(soup.select("tr.unread")) == 2
    response = signed_in.get(f"/en/account/applications/W100000001/messages/{new.pk}/")
    assert page_facts(response)["h1"] == ["Newer"]
    new.refresh_from_db()
    assert new.read_at is not None
    assert (
        len(parse(signed_in.get("/en/account/applications/W100000001/")).select("tr.unread")) == 1
    )


def test_message_in_the_pages_language(signed_in, linked):
    message = MessageFactory(
        application=linked, subject_fr="Documents requis", body_fr="Envoyez-les."
    )
    response = signed_in.get(f"/fr/compte/demandes/W100000001/messages/{message.pk}/")
    assert page_facts(response)["h1"] == ["Documents requis"]
    assert "Envoyez-les." in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/en/account/applications/W200000002/",
        "/en/account/applications/w200000002/",
        "/en/account/applications/W200000002/messages/{pk}/",
        "/en/account/applications/W100000001/messages/{pk}/",
        "/fr/compte/demandes/W200000002/",
        "/en/account/applications/NOTANUMBER/",
    ],
)
def test_another_accounts_application_or_message_is_a_404(signed_in, linked, url):
    other = UserFactory(username="someoneelse")
    theirs = ApplicationFactory(number="W200000002", account=other)
    message = MessageFactory(application=theirs)
    response = signed_in.get(url.format(pk=message.pk))
    assert response.status_code == 404
    message.refresh_from_db()
    assert message.read_at is None


def test_application_pages_need_a_signed_in_applicant(client, linked):
    response = client.get("/en/account/applications/W100000001/")
    assert response["Location"].startswith("/en/account/sign-in/?next=")


def test_account_home_pages_through_many_applications(signed_in, applicant):
    for index in range(12):
        ApplicationFactory(
            account=applicant, received_on=timezone.localdate() - timezone.timedelta(days=index)
        )
    first = parse(signed_in.get("/en/account/"))
    assert len(first.select("#applications-heading ~ table tbody tr")) == 10
    assert first.select_one(".pagination a[rel=next]")["href"] == "?page=2"
    second = parse(signed_in.get("/en/account/?page=2"))
    assert len(second.select("#applications-heading ~ table tbody tr")) == 2
    assert "Page 2 of 2" in second.select_one(".pagination").get_text()
    assert parse(signed_in.get("/en/account/?page=abc")).select(".pagination")
