"""Drafts: every step saves, nothing typed is lost (errors, sign-out, language), clean-up."""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from accounts.middleware import LAST_SEEN_KEY
from apply_online.models import Draft
from tests.accounts.conftest import delivering
from tests.apply_online.conftest import PASSPORT, PERSONAL, TRANSIT_ANSWERS, attach, fill
from tests.conftest import DEMO_TOTP_SECRET
from tests.html import parse


def _step(draft, position, language="en"):
    with translation.override(language):
        return reverse("draft_step", args=[draft.pk, position])


def test_continue_saves_and_goes_to_the_next_section(signed_in, transit_draft):
    response = signed_in.post(_step(transit_draft, 1), {**PERSONAL, "continue": ""})
    assert response["Location"] == _step(transit_draft, 2)
    transit_draft.refresh_from_db()
    assert transit_draft.answers["family_name"] == "Côté-O’Brien"
    assert transit_draft.sections_done == [1]


def test_errors_use_the_summary_and_keep_everything_typed(signed_in, transit_draft):
    typed = {**PERSONAL, "date_of_birth": "2090-13-40", "given_names": "Marie2", "continue": ""}
    page = signed_in.post(_step(transit_draft, 1), typed)
    html = page.content.decode()
    assert page.status_code == 200
    assert "error-summary" in html
    assert "Enter a real date in the format YYYY-MM-DD." in html
    assert "Use letters of the Latin alphabet" in html
    transit_draft.refresh_from_db()
    # Saved as typed, errors included: nothing is lost; the section is not complete.
    assert transit_draft.answers["date_of_birth"] == "2090-13-40"
    assert transit_draft.answers["given_names"] == "Marie2"
    assert transit_draft.sections_done == []


@pytest.mark.parametrize(
    "name",
    ["Zoë D’Arcy-Lefèvre", "Nguyễn Thị Minh", "O'Neil", "José María de la Cruz", "Åsa Ødegård"],
)
def test_latin_names_with_accents_apostrophes_and_hyphens_are_accepted(
    signed_in, transit_draft, name
):
    response = signed_in.post(
        _step(transit_draft, 1), {**PERSONAL, "family_name": name, "continue": ""}
    )
    assert response.status_code == 302


def test_a_name_in_another_alphabet_goes_in_its_own_field(signed_in, transit_draft):
    page = signed_in.post(
        _step(transit_draft, 1), {**PERSONAL, "family_name": "王", "continue": ""}
    )
    assert "Write a name in another alphabet in the field for it." in page.content.decode()
    response = signed_in.post(
        _step(transit_draft, 1), {**PERSONAL, "native_name": "王小明", "continue": ""}
    )
    assert response.status_code == 302
    transit_draft.refresh_from_db()
    assert transit_draft.answers["native_name"] == "王小明"


def test_french_errors_on_a_french_step(signed_in, transit_draft):
    page = signed_in.post(_step(transit_draft, 1, "fr"), {**PERSONAL, "date_of_birth": "x"})
    assert "Entrez une date réelle au format AAAA-MM-JJ." in page.content.decode()


def test_save_and_exit_keeps_an_incomplete_section_and_says_when_it_is_deleted(
    signed_in, transit_draft
):
    response = signed_in.post(_step(transit_draft, 2), {"passport_number": "AB12", "save_exit": ""})
    assert response["Location"] == reverse("account_home")
    transit_draft.refresh_from_db()
    assert transit_draft.answers["passport_number"] == "AB12"
    assert transit_draft.sections_done == []
    home = signed_in.get(reverse("account_home")).content.decode()
    deleted_on = (timezone.localdate() + timedelta(days=60)).isoformat()
    assert f"it will be deleted on {deleted_on}" in home
    assert "0 of 5 sections complete." in home
    page = signed_in.get(_step(transit_draft, 2)).content.decode()
    assert 'value="AB12"' in page


def test_continue_on_account_home_goes_to_the_first_section_not_complete(signed_in, transit_draft):
    def continue_link():
        home = parse(signed_in.get(reverse("account_home")))
        return home.select(".draft a")[-1]["href"]  # the draft's name, then Continue

    assert continue_link() == _step(transit_draft, 1)
    fill(transit_draft, PERSONAL, PASSPORT)
    assert continue_link() == _step(transit_draft, 3)
    fill(transit_draft, *TRANSIT_ANSWERS)
    assert continue_link() == reverse("draft_documents", args=[transit_draft.pk])


def test_the_language_toggle_on_a_step_keeps_what_was_typed(signed_in, transit_draft):
    page = signed_in.get(_step(transit_draft, 2)).content.decode()
    # Without JavaScript too: the toggle is a button of the step's form.
    assert 'form="step-form" name="_language" value="fr"' in page
    response = signed_in.post(
        _step(transit_draft, 2), {"passport_number": "ZZ999", "_language": "fr"}
    )
    assert response["Location"] == _step(transit_draft, 2, "fr")
    page = signed_in.get(response["Location"]).content.decode()
    assert 'value="ZZ999"' in page
    assert 'lang="fr"' in page


def test_a_post_after_the_idle_sign_out_is_shown_again_after_signing_in(
    client, applicant, transit_draft, settings
):
    client.force_login(applicant)
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - settings.SESSION_IDLE_SECONDS - 5
    session.save()
    url = _step(transit_draft, 2)
    response = client.post(url, {"passport_number": "LATE42", "passport_country": "Japon"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert response["Location"].endswith("?next=" + url)
    client.force_login(applicant)  # signing in again keeps the session's data
    page = client.get(url).content.decode()
    assert 'value="LATE42"' in page
    assert 'value="Japon"' in page
    # Once: the draft itself still holds only what was saved while signed in.
    transit_draft.refresh_from_db()
    assert "passport_number" not in transit_draft.answers
    assert 'value="LATE42"' not in client.get(url).content.decode()


def test_a_post_after_the_session_is_gone_is_kept_too(client, applicant, transit_draft):
    url = _step(transit_draft, 2)
    response = client.post(url, {"passport_number": "GONE7"})
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(applicant)
    assert 'value="GONE7"' in client.get(url).content.decode()


def test_a_forged_post_after_the_idle_sign_out_is_not_kept(applicant, transit_draft, settings):
    """The idle sign-out runs before Django's CSRF check: only a post of this site is kept."""
    from django.test import Client

    forger = Client(enforce_csrf_checks=True)  # posts from elsewhere carry no CSRF token
    forger.force_login(applicant)
    session = forger.session
    session[LAST_SEEN_KEY] = time.time() - settings.SESSION_IDLE_SECONDS - 5
    session.save()
    url = _step(transit_draft, 2)
    response = forger.post(url, {"passport_number": "EVIL"})
    assert response["Location"].startswith(reverse("account_login"))
    forger.force_login(applicant)
    assert 'value="EVIL"' not in forger.get(url).content.decode()


def test_another_accounts_draft_is_404(client, transit_draft):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="someoneelse", totp_secret=DEMO_TOTP_SECRET))
    for name in ("draft_documents", "draft_review", "draft_delete"):
        assert client.get(reverse(name, args=[transit_draft.pk])).status_code == 404
    assert client.get(_step(transit_draft, 1)).status_code == 404
    assert client.post(_step(transit_draft, 1), PERSONAL).status_code == 404


def test_deleting_a_draft_removes_its_files(signed_in, transit_draft, documents_storage):
    attach(transit_draft, "passport")
    assert any(documents_storage.rglob("*.png"))
    with delivering():
        response = signed_in.post(reverse("draft_delete", args=[transit_draft.pk]))
    assert response["Location"] == reverse("account_home")
    assert not Draft.objects.exists()
    assert not any(documents_storage.rglob("*.png"))


def test_drafts_are_deleted_after_60_days_and_applicants_warned_7_days_before(
    transit_draft, forms, applicant, documents_storage
):
    from apply_online.services import draft_start

    attach(transit_draft, "passport")
    old = timezone.now() - timedelta(days=61)
    Draft.objects.filter(pk=transit_draft.pk).update(updated_at=old)
    soon = draft_start(user=applicant, application_type=forms["visitor-visa"])
    Draft.objects.filter(pk=soon.pk).update(updated_at=timezone.now() - timedelta(days=54))
    fresh = draft_start(user=applicant, application_type=forms["study-permit"])
    with delivering():
        call_command("drafts_expire", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(Draft.objects.values_list("pk", flat=True)) == {soon.pk, fresh.pk}
    assert not any(documents_storage.rglob("*.png"))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [applicant.email]
    assert "will be deleted" in mail.outbox[0].subject
    # Once only.
    with delivering():
        call_command("drafts_expire", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1


def test_a_hint_written_in_the_admin_is_shown_as_text(signed_in, transit_draft):
    from apply_online.models import Question

    Question.objects.filter(section__type=transit_draft.type, name="family_name").update(
        help_text_en='<img src=x onerror="alert(1)">'
    )
    page = signed_in.get(_step(transit_draft, 1)).content.decode()
    assert '<img src=x onerror="alert(1)">' not in page
    assert "&lt;img src=x" in page
