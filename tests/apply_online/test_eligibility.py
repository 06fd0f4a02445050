"""The public questionnaire: its definition, its pages, and the personal reference code."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from apply_online import eligibility
from apply_online.models import CODE_ALPHABET, ReferenceCode, reference_code_new


def test_every_programme_leads_to_a_type_of_the_demo_forms():
    import json

    from apply_online.demo import FIXTURE

    codes = {spec["code"] for spec in json.loads(FIXTURE.read_text())["types"]}
    for programme in eligibility.PROGRAMMES:
        assert programme.default_type in codes
        assert {route[2] for route in programme.routes} <= codes
        names = [ask.name for ask in programme.questions]
        assert len(names) == len(set(names)), programme.code
        for ask in programme.questions:
            assert set(ask.stops) <= {value for value, _label in ask.choices}
        assert set(programme.slugs) == {"en", "fr"}


def test_codes_have_no_look_alike_characters():
    assert not set("O0I1L") & set(CODE_ALPHABET)
    codes = {reference_code_new() for _ in range(500)}
    assert len(codes) == 500
    assert all(re.fullmatch(f"[{CODE_ALPHABET}]{{10}}", code) for code in codes)


def _question(language, programme, number):
    with translation.override(language):
        return reverse("eligibility_question", kwargs={"programme": programme, "number": number})


def _result(language, programme):
    with translation.override(language):
        return reverse("eligibility_result", kwargs={"programme": programme})


def _answer(client, language, slug, answers):
    for number, answer in enumerate(answers, start=1):
        response = client.post(_question(language, slug, number), {"answer": answer})
        assert response.status_code == 302, response.content[:300]
    return response


@pytest.mark.parametrize(
    ("language", "slug", "heading"),
    [("en", "visit", "Visit Canada"), ("fr", "visiter", "Visiter le Canada")],
)
def test_one_question_per_page_with_a_back_link(client, forms, language, slug, heading):
    page = client.get(_question(language, slug, 2))
    # Question 1 is not answered yet: no skipping ahead.
    assert page.status_code == 302
    assert page["Location"] == _question(language, slug, 1)
    page = client.get(_question(language, slug, 1))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('type="radio"') == 2
    assert heading in html
    with translation.override(language):
        assert f'href="{reverse("eligibility_index")}"' in html  # back to the list
    client.post(_question(language, slug, 1), {"answer": "yes"})
    html = client.get(_question(language, slug, 2)).content.decode()
    assert f'href="{_question(language, slug, 1)}"' in html
    assert html.count('type="radio"') == 4


def test_no_answer_is_an_error_in_the_page_language(client, forms):
    page = client.post(_question("fr", "visiter", 1), {})
    assert page.status_code == 200
    assert "Choisissez une réponse." in page.content.decode()


def test_a_visitor_gets_a_code_valid_60_days_shown_in_groups(client, forms):
    response = _answer(client, "en", "visit", ["yes", "tourism", "no", "yes"])
    assert response["Location"] == _result("en", "visit")
    page = client.get(_result("en", "visit"))
    html = page.content.decode()
    code = ReferenceCode.objects.get()
    assert code.type.code == "visitor-visa"
    assert code.answers["criminal_record"] == "yes"
    assert abs(code.expires_at - code.created_at - timedelta(days=60)) < timedelta(seconds=5)
    assert f"{code.code[:5]}-{code.code[5:]}" in html
    assert timezone.localdate(code.expires_at).isoformat() in html
    # Shown again, the page gives the same code rather than a new one.
    assert code.code_display in client.get(_result("en", "visit")).content.decode()
    assert ReferenceCode.objects.count() == 1


def test_transit_routes_to_the_transit_visa(client, forms):
    _answer(client, "fr", "visiter", ["yes", "transit", "no", "no"])
    page = client.get(_result("fr", "visiter"))
    assert "Visa de transit" in page.content.decode()
    assert ReferenceCode.objects.get().type.code == "transit-visa"


def test_an_answer_that_stops_says_why_and_gives_no_code(client, forms):
    response = _answer(client, "en", "study", ["yes", "no"])
    assert response["Location"] == _result("en", "study")
    html = client.get(_result("en", "study")).content.decode()
    assert "You do not need a study permit for a program of 6 months or less." in html
    assert not ReferenceCode.objects.exists()


def test_changing_an_answer_asks_the_later_questions_again(client, forms):
    _answer(client, "en", "visit", ["yes", "tourism", "no", "no"])
    client.post(_question("en", "visit", 2), {"answer": "family"})
    assert client.get(_result("en", "visit"))["Location"] == _question("en", "visit", 3)


def test_the_toggle_gives_the_french_slug(client, forms):
    html = client.get(_question("en", "visit", 1)).content.decode()
    assert f'hreflang="fr" href="http://testserver{_question("fr", "visiter", 1)}"' in html


def test_an_unknown_programme_or_question_is_404(client, forms):
    assert client.get("/en/apply/eligibility/nothing/question-1/").status_code == 404
    assert client.get(_question("en", "visit", 9)).status_code == 404


def test_making_codes_is_throttled_per_address(client, forms, settings):
    from apply_online import views

    for _index in range(views.CODES_MADE + 1):
        client.cookies.clear()  # a new visitor each time, from the same address
        _answer(client, "en", "visit", ["yes", "tourism", "no", "no"])
        html = client.get(_result("en", "visit")).content.decode()
    assert ReferenceCode.objects.count() == views.CODES_MADE
    assert "many codes were requested from your connection" in html
