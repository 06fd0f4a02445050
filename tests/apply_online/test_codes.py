"""Entering a personal reference code in the account: a pre-filled draft, or a clear reason."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from apply_online.models import Draft, ReferenceCode
from apply_online.services import reference_code_create
from tests.conftest import DEMO_TOTP_SECRET as SECRET


def _start(language="en"):
    with translation.override(language):
        return reverse("apply_start")


@pytest.fixture
def code(forms):
    return reference_code_create(
        type_code="visitor-visa",
        answers={
            "passport_valid": "yes",
            "purpose": "family",
            "minor": "yes",
            "criminal_record": "yes",
        },
    )


def test_a_valid_code_starts_a_prefilled_draft_with_its_checklist(signed_in, applicant, code):
    response = signed_in.post(_start(), {"code": code.code_display.lower()})
    draft = Draft.objects.get(account=applicant)
    assert response["Location"] == reverse("draft_step", args=[draft.pk, 1])
    assert draft.type.code == "visitor-visa"
    # From the questionnaire, for the questions of the form with the same name ...
    assert draft.answers["purpose"] == "family"
    assert draft.answers["minor"] == "yes"
    assert "passport_valid" not in draft.answers
    # ... and from the account's profile.
    assert draft.answers["family_name"] == applicant.family_name
    assert draft.answers["date_of_birth"] == applicant.date_of_birth.isoformat()
    page = signed_in.get(reverse("draft_documents", args=[draft.pk])).content.decode()
    assert "Letter of consent from parents" in page
    assert "Court records" in page
    code.refresh_from_db()
    assert code.used_at is not None


def test_without_those_answers_the_checklist_leaves_those_documents_out(signed_in, forms):
    other = reference_code_create(
        type_code="visitor-visa", answers={"minor": "no", "criminal_record": "no"}
    )
    signed_in.post(_start(), {"code": other.code})
    draft = Draft.objects.get()
    page = signed_in.get(reverse("draft_documents", args=[draft.pk])).content.decode()
    assert "Letter of consent" not in page
    assert "Court records" not in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "We cannot find this code."), ("fr", "Nous ne trouvons pas ce code.")],
)
def test_a_wrong_code_says_so(signed_in, forms, language, expected):
    page = signed_in.post(_start(language), {"code": "ABCDE-FGHJK"})
    assert expected in page.content.decode()
    assert not Draft.objects.exists()


def test_an_expired_code_gives_its_date(signed_in, code):
    ReferenceCode.objects.filter(pk=code.pk).update(expires_at=timezone.now() - timedelta(days=1))
    page = signed_in.post(_start(), {"code": code.code}).content.decode()
    expired = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert f"This code expired on {expired}." in page
    assert not Draft.objects.exists()


def test_a_used_code_starts_nothing_more(signed_in, client, code, applicant):
    signed_in.post(_start(), {"code": code.code})
    page = signed_in.post(_start(), {"code": code.code}).content.decode()
    assert "This code was already used to start an application on" in page
    assert Draft.objects.count() == 1


def test_code_tries_are_throttled_per_account(signed_in, code):
    from apply_online import views

    for _ in range(views.CODE_TRIES):
        signed_in.post(_start(), {"code": "AAAAA-AAAAA"})
    page = signed_in.post(_start(), {"code": code.code}).content.decode()
    assert "codes can be tried 10 times an hour" in page
    assert not Draft.objects.exists()  # even the right code waits


def test_code_tries_are_throttled_per_address_across_accounts(client, code):
    from apply_online import views
    from tests.factories import UserFactory

    for index in range(views.CODE_TRIES):
        client.force_login(UserFactory(username=f"guesser{index:03d}", totp_secret=SECRET))
        client.post(_start(), {"code": "AAAAA-AAAAA"})
    client.force_login(UserFactory(username="guesser999", totp_secret=SECRET))
    page = client.post(_start(), {"code": code.code}).content.decode()
    assert "codes can be tried 10 times an hour" in page


def test_the_faq_about_codes_leads_to_the_code_page(db):
    """The sign-in page's "My personal reference code doesn't work" answer links here."""
    import json
    import re

    from django.urls import resolve

    from helpcentre.demo import FIXTURE

    topic = next(
        t for t in json.loads(FIXTURE.read_text()) if t.get("slug_en") == "personal-reference-code"
    )
    for language in ("en", "fr"):
        links = re.findall(r'href="([^"]+)"', topic[f"answer_{language}"])
        with translation.override(language):
            names = {resolve(link).url_name for link in links}
        assert names == {"apply_start", "eligibility_index"}
        assert all(link.startswith(f"/{language}/") for link in links)
