"""The loop between officer and applicant, with JavaScript off everywhere: a request made in
the admin → the applicant uploads and replies → the officer marks it reviewed."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.utils import timezone

from document_requests.models import DocumentRequest
from tests.apply_online.conftest import png
from tests.browser.test_crawl import browser_for
from tests.conftest import DEMO_TOTP_SECRET, with_two_step
from tests.factories import ApplicationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _case_officers():
    """The group as its migrations make it: a transactional test starts from emptied tables."""
    from django.apps import apps

    from applications.groups import case_officer_group_ensure
    from portal.groups import staff_group_ensure

    case_officer_group_ensure(apps)
    frozen = import_module("document_requests.migrations.0002_case_officers").PERMISSIONS
    return staff_group_ensure(
        apps, name="case officer", app_label="document_requests", codenames=frozen
    )


def test_request_answer_review_without_javascript(live_server, browser, tmp_path, settings):
    applicant = UserFactory(username="loopapplicant", totp_secret=DEMO_TOTP_SECRET)
    application = ApplicationFactory(account=applicant, number="W200000002")
    officer = with_two_step(UserFactory(username="loopofficer", is_staff=True))
    officer.groups.add(_case_officers())
    admin = f"{live_server.url}/en/{settings.ADMIN_URL}document_requests/"

    staff = browser_for(browser, live_server, officer, javascript=False)
    page = staff.new_page()
    # From the application's admin page, as an officer working on it would.
    page.goto(
        f"{live_server.url}/en/{settings.ADMIN_URL}applications/application/{application.pk}/change/"
    )
    page.get_by_role("link", name="Ask the applicant for documents").click()
    due = (timezone.localdate() + timedelta(days=14)).isoformat()
    page.locator("#id_due_on").fill(due)
    page.locator("#id_note_en").fill("Please send your pay slips.")
    page.locator("#id_note_fr").fill("Veuillez envoyer vos talons de paie.")
    page.locator("#id_items-0-description_en").fill("Pay slips")
    page.locator("#id_items-0-description_fr").fill("Talons de paie")
    page.locator("input[name=_save]").click()
    page.locator(".messagelist .success").wait_for()
    request = DocumentRequest.objects.get(application=application)

    person = browser_for(browser, live_server, applicant, javascript=False)
    mine = person.new_page()
    mine.set_viewport_size({"width": 320, "height": 800})
    mine.goto(live_server.url + "/fr/compte/")
    mine.locator(".action-required a").first.click()
    assert "Talons de paie" in mine.locator("h2").all_inner_texts()
    path = tmp_path / "slip.png"
    path.write_bytes(png())
    mine.locator("input[type=file]").set_input_files(str(path))
    mine.locator("form[enctype] button[type=submit]").click()
    mine.locator(".document-held").wait_for()
    mine.locator("textarea[name=reply]").fill("Voici mes talons de paie.")
    mine.get_by_role("button", name="Envoyer", exact=True).click()
    mine.wait_for_url(f"**/compte/demandes/{application.number}/")
    assert mine.evaluate("document.documentElement.scrollWidth") <= 320
    request.refresh_from_db()
    assert request.state == DocumentRequest.State.ANSWERED

    page.goto(f"{admin}answeredrequest/")
    page.locator(f"input[name=_selected_action][value='{request.pk}']").check()
    page.locator("select[name=action]").select_option("mark_reviewed")
    page.locator("button[name=index]").click()
    page.locator(".messagelist .success").wait_for()
    request.refresh_from_db()
    assert request.reviewed_by == officer
    staff.close()
    person.close()
