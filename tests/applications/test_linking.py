from datetime import date, timedelta

import pytest
from django.utils import timezone

from applications.models import Application, LinkAttempt, LinkChange
from applications.services import LinkRequest, linking_locked_until
from tests.factories import ApplicationFactory, UserFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

URL = "/en/account/applications/link/"
BY_NUMBER = {"method": "number", "application_number": "E123456789", "family_name": "Côté"}
BY_UCI = {
    "method": "uci",
    "uci": "1234-5678",
    "family_name": "Côté",
    "date_of_birth": "1988-07-14",
}


def link_error(response):
    alert = parse(response).select_one("#link-error")
    return alert.get_text(" ", strip=True) if alert else ""


@pytest.mark.parametrize(
    "data",
    [
        BY_NUMBER,
        {**BY_NUMBER, "application_number": "e 123-456-789", "family_name": "COTE"},
        BY_UCI,
        {**BY_UCI, "family_name": "cote", "uci": "12345678"},
    ],
)
def test_linking_by_number_or_uci_ignores_case_and_accents(signed_in, applicant, unlinked, data):
    response = signed_in.post(URL, data)
    assert response.status_code == 302
    assert response["Location"] == "/en/account/applications/E123456789/"
    unlinked.refresh_from_db()
    assert unlinked.account == applicant
    assert applicant.security_events.filter(kind="application_linked").exists()


@pytest.mark.parametrize(
    "data",
    [
        {**BY_NUMBER, "family_name": "Tremblay"},
        {**BY_NUMBER, "application_number": "E123456780"},
        {**BY_UCI, "date_of_birth": "1988-07-15"},
        {**BY_UCI, "uci": "1234-5679"},
        {**BY_UCI, "family_name": "Tremblay"},
    ],
)
def test_mismatch_links_nothing_and_counts_a_failure(signed_in, applicant, unlinked, data):
    response = signed_in.post(URL, data)
    assert response.status_code == 200
    assert "could not find an application" in link_error(response)
    assert Application.objects.get(pk=unlinked.pk).account is None
    assert LinkAttempt.objects.filter(user=applicant).count() == 1


def test_an_application_linked_elsewhere_answers_like_a_mismatch(signed_in, applicant, unlinked):
    other = UserFactory(username="someoneelse")
    Application.objects.filter(pk=unlinked.pk).update(account=other)
    mismatch = link_error(signed_in.post(URL, {**BY_NUMBER, "family_name": "Tremblay"}))
    taken = link_error(signed_in.post(URL, BY_NUMBER))
    # The same answer, but for the count of tries left, which each failure lowers.
    assert taken.split(" You have")[0] == mismatch.split(" You have")[0] != ""
    assert Application.objects.get(pk=unlinked.pk).account == other


def test_five_failures_lock_linking_for_24_hours_saying_until_when(signed_in, applicant, unlinked):
    for _ in range(4):
        assert "could not find" in link_error(
            signed_in.post(URL, {**BY_NUMBER, "family_name": "X"})
        )
    response = signed_in.post(URL, {**BY_NUMBER, "family_name": "X"})
    until = timezone.localtime(timezone.now() + timedelta(hours=24))
    assert "locked after five unsuccessful tries" in link_error(response)
    assert until.strftime("%Y-%m-%d") in link_error(response)
    # Even the right details are refused during the lock.
    response = signed_in.post(URL, BY_NUMBER)
    assert "locked" in link_error(response)
    assert Application.objects.get(pk=unlinked.pk).account is None
    assert "locked" in link_error(signed_in.get(URL))


def test_the_lock_ends_after_24_hours(signed_in, applicant, unlinked):
    past = timezone.now() - timedelta(hours=24, minutes=1)
    for _ in range(5):
        LinkAttempt.objects.create(user=applicant)
    LinkAttempt.objects.filter(user=applicant).update(at=past)
    assert linking_locked_until(user=applicant) is None
    assert signed_in.post(URL, BY_NUMBER).status_code == 302


def test_failures_spread_over_more_than_a_day_do_not_lock(applicant):
    now = timezone.now()
    for hours in (0, 1, 2, 3, 30):
        attempt = LinkAttempt.objects.create(user=applicant)
        LinkAttempt.objects.filter(pk=attempt.pk).update(at=now - timedelta(hours=hours))
    assert linking_locked_until(user=applicant) is None


def test_the_lock_is_per_account(signed_in, applicant, unlinked, client):
    other = UserFactory(username="someoneelse", totp_secret="A2RDWP24JXCMROBGZ5TBTQPJPPTPCEKS")
    for _ in range(5):
        LinkAttempt.objects.create(user=other)
    assert signed_in.post(URL, BY_NUMBER).status_code == 302


def test_the_lock_is_kept_in_the_database_not_in_a_process(applicant):
    for _ in range(5):
        LinkAttempt.objects.create(user=applicant)
    assert linking_locked_until(user=applicant) is not None
    assert LinkAttempt.objects.filter(user=applicant).count() == 5


def test_uci_method_links_every_application_of_that_client(signed_in, applicant):
    ApplicationFactory(number="E000000001", uci="87654321", date_of_birth=date(1988, 7, 14))
    ApplicationFactory(number="E000000002", uci="87654321", date_of_birth=date(1988, 7, 14))
    ApplicationFactory(number="E000000003", uci="11112222", date_of_birth=date(1988, 7, 14))
    response = signed_in.post(URL, {**BY_UCI, "uci": "8765-4321"})
    assert response["Location"] == "/en/account/"
    assert sorted(applicant.applications.values_list("number", flat=True)) == [
        "E000000001",
        "E000000002",
    ]


def test_names_and_a_birth_date_alone_never_link_someone_elses_file(signed_in, applicant):
    """The audit's takeover: a victim's names and birth date, but no IRCC identifier."""
    victim_file = ApplicationFactory(number="E555555555", uci="55556666")
    for data in (
        {"method": "identity", "family_name": "Côté", "given_name": "Marie Ève",
         "date_of_birth": "1988-07-14"},
        {"method": "uci", "family_name": "Côté", "date_of_birth": "1988-07-14"},
        {"method": "number", "family_name": "Côté", "date_of_birth": "1988-07-14"},
    ):  # fmt: skip
        response = signed_in.post(URL, data)
        assert response.status_code == 200
    victim_file.refresh_from_db()
    assert victim_file.account is None


def test_a_link_request_without_an_identifier_cannot_be_made():
    from applications.services import LinkRequest

    with pytest.raises(ValueError, match="required"):
        LinkRequest(family_name="Côté", date_of_birth=date(1988, 7, 14))


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {**BY_NUMBER, "application_number": "12345"},
            "application_number",
            "one letter followed by nine digits",
        ),
        ({**BY_NUMBER, "application_number": ""}, "application_number", "required"),
        ({**BY_UCI, "date_of_birth": "1988-02-30"}, "date_of_birth", "YYYY-MM-DD"),
        ({**BY_UCI, "date_of_birth": "2999-01-01"}, "date_of_birth", "future"),
        ({**BY_UCI, "date_of_birth": ""}, "date_of_birth", "required"),
        ({**BY_UCI, "uci": "123"}, "uci", "8 or 10 digits"),
        ({**BY_UCI, "uci": ""}, "uci", "required"),
        ({**BY_UCI, "family_name": "x" * 10_000}, "family_name", "at most 100"),
        ({**BY_NUMBER, "method": "guess"}, "method", "valid choice"),
    ],
)
def test_bad_input_gets_a_form_error_and_counts_no_failure(
    signed_in, applicant, data, field, message
):
    response = signed_in.post(URL, data)
    assert response.status_code == 200
    summary = parse(response).select_one(".error-summary")
    assert summary.select_one(f'a[href="#id_{field}"]')
    assert message in summary.get_text()
    assert not LinkAttempt.objects.exists()


def test_non_utf8_input_gets_a_form_answer(signed_in):
    body = b"method=number&application_number=\xff\xfe&family_name=\xc3"
    response = signed_in.post(URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200


def test_link_page_in_french(signed_in, unlinked):
    response = signed_in.post("/fr/compte/demandes/lier/", {**BY_NUMBER, "family_name": "Autre"})
    assert "Nous n’avons trouvé aucune demande" in link_error(response)


def test_guessing_one_file_from_many_accounts_locks_that_file(unlinked):
    """Five accounts, one wrong try each against the same number: the file locks for 24 hours."""
    from applications.services import NoMatch, application_link

    wrong = LinkRequest(family_name="Tremblay", number=unlinked.number)
    for n in range(5):
        with pytest.raises(NoMatch):
            application_link(user=UserFactory(username=f"guesser{n:03d}x"), wanted=wrong)
    owner = UserFactory(username="realowner")
    right = LinkRequest(family_name="Côté", number=unlinked.number)
    with pytest.raises(NoMatch):  # the same answer as a mismatch: nothing says it exists
        application_link(user=owner, wanted=right)
    assert Application.objects.get(pk=unlinked.pk).account is None
    # A day later the file opens again for its owner.
    LinkAttempt.objects.update(at=timezone.now() - timedelta(hours=24, minutes=1))
    assert application_link(user=owner, wanted=right) == [unlinked]


def test_failures_on_other_files_do_not_lock_this_one(unlinked):
    from applications.services import application_link

    other = ApplicationFactory(number="E999999999")
    for _ in range(5):
        LinkAttempt.objects.create(user=UserFactory(), application=other)
    owner = UserFactory(username="realowner")
    linked = application_link(
        user=owner, wanted=LinkRequest(family_name="Côté", number=unlinked.number)
    )
    assert linked == [unlinked]


def test_the_page_says_how_many_tries_are_left(signed_in, applicant, unlinked):
    text = parse(signed_in.get(URL)).select_one("main").get_text(" ", strip=True)
    assert "You have 5 tries left" in text
    response = signed_in.post(URL, {**BY_NUMBER, "family_name": "X"})
    assert "You have 4 more tries before linking is locked for 24 hours." in link_error(response)
    for _ in range(3):
        response = signed_in.post(URL, {**BY_NUMBER, "family_name": "X"})
    assert "You have 1 more try before linking is locked" in link_error(response)


def test_the_page_says_how_many_tries_are_left_in_french(signed_in, applicant, unlinked):
    response = signed_in.post("/fr/compte/demandes/lier/", {**BY_NUMBER, "family_name": "X"})
    assert "Il vous reste 4 essais avant que la liaison soit verrouillée pendant 24 heures." in (
        link_error(response)
    )


def test_every_link_is_kept_in_the_application_history(signed_in, applicant, unlinked):
    signed_in.post(URL, BY_NUMBER)
    change = LinkChange.objects.get(application=unlinked)
    assert (change.action, change.account, change.changed_by) == ("linked", applicant, applicant)


def test_linking_a_file_of_ones_own_does_not_reset_the_count_on_anothers(unlinked):
    """Four guesses at someone's file, a success on one's own, then one more guess: locked."""
    from applications.services import NoMatch, application_link

    guesser = UserFactory(username="guesser01")
    own = ApplicationFactory(number="E777777777", family_name="Guesser")
    wrong = LinkRequest(family_name="Tremblay", number=unlinked.number)
    for _ in range(4):
        with pytest.raises(NoMatch):
            application_link(user=guesser, wanted=wrong)
    application_link(user=guesser, wanted=LinkRequest(family_name="Guesser", number=own.number))
    assert linking_locked_until(user=guesser) is None  # the account's count starts afresh
    with pytest.raises(NoMatch):
        application_link(user=UserFactory(username="guesser02"), wanted=wrong)
    right = LinkRequest(family_name="Côté", number=unlinked.number)
    with pytest.raises(NoMatch):  # the file's five failures lock it
        application_link(user=UserFactory(username="realowner"), wanted=right)
