"""Replies to messages: the applicant answers a message that allows it, redacted, throttled;
case officers read the thread in the admin."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from applications import views
from applications.models import MessageReply
from tests.apply_online.test_fuzz import _fuzz
from tests.conftest import with_two_step
from tests.factories import ApplicationFactory, MessageFactory, UserFactory
from tests.html import page_facts, parse

pytestmark = pytest.mark.django_db

URLS = {
    "en": "/en/account/applications/W100000001/messages/{pk}/",
    "fr": "/fr/compte/demandes/W100000001/messages/{pk}/",
}
SIN = "046 454 286"


@pytest.fixture
def message(linked):
    return MessageFactory(application=linked, allows_reply=True)


@pytest.fixture
def closed(linked):
    return MessageFactory(application=linked, allows_reply=False)


@pytest.fixture
def officer(db):
    user = with_two_step(UserFactory(username="caseofficer", is_staff=True))
    user.groups.add(Group.objects.get(name="case officer"))
    client = Client()
    client.force_login(user)
    return client


def url(message, language="en"):
    return URLS[language].format(pk=message.pk)


def typed(soup):
    """What the reply box holds (the line break after <textarea> is not part of it)."""
    return soup.select_one("textarea[name=body]").get_text().removeprefix("\n")


def main_text(response):
    return parse(response).select_one("main").get_text(" ", strip=True)


TEXTS = {
    "en": {
        "sent": "Your reply was sent.",
        "you": "You",
        "send": "Send",
        "hint": "2,000 characters",
    },
    "fr": {
        "sent": "Votre réponse a été envoyée.",
        "you": "Vous",
        "send": "Envoyer",
        "hint": "2 000 caractères",
    },
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_applicant_replies_and_sees_the_thread(signed_in, applicant, message, language):
    text = TEXTS[language]
    soup = parse(signed_in.get(url(message, language)))
    textarea = soup.select_one("form textarea[name=body]")
    assert textarea is not None
    label = soup.select_one(f"label[for={textarea['id']}]")  # a label tied to the field
    assert label is not None
    assert textarea["maxlength"] == "2000"
    hint = soup.select_one(f"#{textarea['id']}_helptext")
    assert text["hint"] in hint.get_text()
    assert hint["id"] in textarea["aria-describedby"]
    assert soup.select_one(".reply form button[type=submit]").get_text(strip=True) == text["send"]

    response = signed_in.post(url(message, language), {"body": "Here is my answer."})
    assert response.status_code == 302
    assert response["Location"] == url(message, language)
    reply = MessageReply.objects.get()
    assert (reply.message, reply.sent_by, reply.body) == (message, applicant, "Here is my answer.")

    page = signed_in.get(response["Location"])
    soup = parse(page)
    assert text["sent"] in soup.get_text()
    item = soup.select_one(f"#reply-{reply.pk}")
    assert item.select_one(".thread-author").get_text(" ", strip=True).startswith(text["you"])
    assert "Here is my answer." in item.get_text()
    assert soup.select_one("form textarea[name=body]") is not None  # another reply can follow
    assert typed(soup) == ""

    signed_in.post(url(message, language), {"body": "And a second thought."})
    items = parse(signed_in.get(url(message, language))).select(".thread-item")
    assert [i.select_one(".message-body").get_text(strip=True) for i in items[1:]] == [
        "Here is my answer.",
        "And a second thought.",
    ]


def test_the_reply_is_redacted_before_it_is_stored(signed_in, message):
    signed_in.post(url(message), {"body": f"My SIN is {SIN}, call me at 613-555-0199."})
    stored = MessageReply.objects.get().body
    assert "454" not in stored
    assert "555" not in stored
    assert stored == "My SIN is [redacted: sin], call me at [redacted: phone]."
    assert "[redacted: SIN]" in main_text(signed_in.get(url(message)))
    french = main_text(signed_in.get(url(message, "fr")))
    assert "[caviardé : NAS]" in french
    assert "[caviardé : téléphone]" in french


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Write your reply."), ("fr", "Écrivez votre réponse.")],
)
@pytest.mark.parametrize("body", ["", "   \n  "])
def test_an_empty_reply_is_refused_through_the_error_summary(
    signed_in, message, language, expected, body
):
    response = signed_in.post(url(message, language), {"body": body})
    assert response.status_code == 200
    soup = parse(response)
    summary = soup.select_one(".error-summary")
    assert expected in summary.get_text()
    assert summary.select_one("a")["href"] == "#id_body"
    assert not MessageReply.objects.exists()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Your reply is 2001 characters long. Shorten it to 2,000 characters or less."),
        (
            "fr",
            "Votre réponse compte 2001 caractères. Raccourcissez-la à 2 000 caractères ou moins.",
        ),
    ],
)
def test_a_reply_over_2000_characters_is_refused_and_kept_to_fix(
    signed_in, message, language, expected
):
    response = signed_in.post(url(message, language), {"body": "a" * 2001})
    assert response.status_code == 200
    soup = parse(response)
    assert expected in soup.select_one(".error-summary").get_text(" ", strip=True)
    assert len(typed(soup)) == 2001  # kept to shorten
    assert not MessageReply.objects.exists()
    assert signed_in.post(url(message, language), {"body": "a" * 2000}).status_code == 302
    assert MessageReply.objects.get().body == "a" * 2000


def test_a_message_without_replies_has_no_form_and_refuses_a_forged_post(signed_in, closed):
    soup = parse(signed_in.get(url(closed)))
    assert soup.select_one(".reply") is None
    assert soup.select_one("textarea[name=body]") is None
    assert "Reply to this message" not in soup.get_text()
    response = signed_in.post(url(closed), {"body": "Let me in."})
    assert response.status_code == 403
    assert not MessageReply.objects.exists()


def test_replies_close_between_the_page_and_the_post(signed_in, message):
    type(message).objects.filter(pk=message.pk).update(allows_reply=False)
    assert signed_in.post(url(message), {"body": "Too late?"}).status_code == 403
    assert not MessageReply.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_accounts_message_is_a_404(signed_in, linked, method):
    other = UserFactory(username="someoneelse")
    theirs = MessageFactory(
        application=ApplicationFactory(number="W200000002", account=other), allows_reply=True
    )
    for path in (
        f"/en/account/applications/W200000002/messages/{theirs.pk}/",
        f"/en/account/applications/W100000001/messages/{theirs.pk}/",  # on my application
    ):
        response = getattr(signed_in, method)(path, {"body": "Not mine."})
        assert response.status_code == 404
    assert not MessageReply.objects.exists()


def test_signed_out_posts_store_nothing(client, message):
    response = client.post(url(message), {"body": "Who am I?"})
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]
    assert not MessageReply.objects.exists()


def test_what_was_typed_when_the_session_ended_comes_back_after_signing_in(
    client, applicant, message
):
    client.post(url(message), {"body": "Typed before the session ended."})
    assert not MessageReply.objects.exists()
    client.force_login(applicant)
    assert typed(parse(client.get(url(message)))) == "Typed before the session ended."


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Your reply was not sent: you can send 20 replies an hour."),
        ("fr", "Votre réponse n’a pas été envoyée : vous pouvez envoyer 20 réponses par heure."),
    ],
)
def test_replies_are_throttled_per_account(signed_in, message, language, expected):
    for index in range(views.REPLIES_PER_HOUR):
        assert signed_in.post(url(message), {"body": f"Reply {index}"}).status_code == 302
    response = signed_in.post(url(message, language), {"body": "One too many."})
    assert response.status_code == 429
    soup = parse(response)
    assert expected in soup.select_one(".error-summary").get_text(" ", strip=True)
    assert typed(soup) == "One too many."
    assert MessageReply.objects.count() == views.REPLIES_PER_HOUR


def test_a_double_click_stores_the_reply_once(signed_in, message):
    for _ in range(2):
        signed_in.post(url(message), {"body": "Sent twice by mistake."})
    assert MessageReply.objects.count() == 1


def test_reply_times_are_shown_in_the_sites_time_zone(signed_in, applicant, message):
    reply = MessageReply.objects.create(message=message, sent_by=applicant, body="Hello.")
    moment = datetime(2026, 7, 1, 16, 30, tzinfo=UTC)  # 12:30 in Toronto (EDT)
    MessageReply.objects.filter(pk=reply.pk).update(sent_at=moment)
    time = parse(signed_in.get(url(message))).select_one(f"#reply-{reply.pk} time")
    assert time.get_text() == "2026-07-01 12:30"
    assert time["datetime"] == "2026-07-01T12:30:00-04:00"


def test_the_thread_shows_only_this_accounts_replies(signed_in, message):
    former = UserFactory(username="formerowner")
    MessageReply.objects.create(message=message, sent_by=former, body="From the former owner.")
    page = main_text(signed_in.get(url(message)))
    assert "From the former owner." not in page


def test_case_officers_read_the_thread_in_the_admin_and_it_is_then_read(
    officer, signed_in, message
):
    signed_in.post(url(message), {"body": f"My SIN is {SIN}."})
    reply = MessageReply.objects.get()
    application_page = officer.get(
        f"/en/admin/applications/application/{message.application_id}/change/"
    ).content.decode()
    assert "1 reply, 1 unread" in application_page
    response = officer.get(f"/en/admin/applications/message/{message.pk}/change/")
    assert response.status_code == 200
    thread = parse(response).select_one("table.reply-thread").get_text(" ", strip=True)
    assert "My SIN is [redacted: SIN]." in thread
    assert "alextremblay" in thread
    assert "new" in thread
    assert parse(response).select_one("main form input[name=body]") is None  # read-only
    reply.refresh_from_db()
    assert reply.read_at is not None
    application_page = officer.get(
        f"/en/admin/applications/application/{message.application_id}/change/"
    ).content.decode()
    assert "1 reply, 1 unread" not in application_page
    assert "1 reply" in application_page
    # Read-only: nothing can be changed or posted there.
    assert (
        officer.post(f"/en/admin/applications/message/{message.pk}/change/", {}).status_code == 403
    )
    assert MessageReply.objects.count() == 1


def test_the_thread_in_french_for_a_french_officer(officer, applicant, message):
    MessageReply.objects.create(message=message, sent_by=applicant, body="NAS [redacted: sin]")
    response = officer.get(f"/fr/admin/applications/message/{message.pk}/change/")
    assert "NAS [caviardé : NAS]" in response.content.decode()


def test_the_message_page_keeps_its_title(signed_in, message):
    assert page_facts(signed_in.get(url(message)))["h1"] == [message.subject_en]


def test_generated_reply_posts_never_get_a_500(applicant, message):
    _fuzz(url(message), ["body"], login=applicant)
