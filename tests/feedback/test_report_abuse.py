import pytest

from feedback.models import ProblemReport

pytestmark = pytest.mark.django_db


def post(client, address="198.51.100.7", **extra):
    return client.post(
        "/en/report-problem/",
        {"categories": ["broken"], "path": "/en/sign-in/", "title": "T", **extra},
        REMOTE_ADDR=address,
    )


def test_a_filled_honeypot_is_thanked_and_dropped(client):
    response = post(client, website="http://spam.example")
    assert response["Location"].endswith("?feedback=thanks#report-problem")
    assert not ProblemReport.objects.exists()


def test_the_honeypot_is_hidden_from_people(client):
    html = client.get("/en/sign-in/").content.decode()
    assert '<div class="hp" aria-hidden="true">' in html
    assert 'name="website" id="report-website" tabindex="-1"' in html


def test_over_the_limit_an_address_is_thanked_and_nothing_more_is_stored(client, settings):
    settings.FEEDBACK_REPORT_LIMIT = 3
    responses = [post(client) for _ in range(6)]
    assert {r["Location"] for r in responses} == {"/en/sign-in/?feedback=thanks#report-problem"}
    assert ProblemReport.objects.count() == 3


def test_the_limit_is_per_address(client, settings):
    settings.FEEDBACK_REPORT_LIMIT = 1
    post(client, address="198.51.100.7")
    post(client, address="198.51.100.7")
    post(client, address="198.51.100.8")
    assert ProblemReport.objects.count() == 2


def test_the_count_lives_in_the_shared_cache_so_another_server_sees_it(
    client, settings, monkeypatch
):
    from django.core.cache import caches

    settings.FEEDBACK_REPORT_LIMIT = 1
    post(client)
    # Another app server: its own connection to the same shared cache.
    monkeypatch.setattr("portal.throttle.cache", caches.create_connection("default"))
    post(client)
    assert ProblemReport.objects.count() == 1


def test_behind_a_load_balancer_the_limit_is_per_forwarded_address(client, settings):
    settings.FEEDBACK_REPORT_LIMIT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1

    def via_balancer(applicant):
        # Every request arrives from the balancer; it appends the address it saw.
        return client.post(
            "/en/report-problem/",
            {"categories": ["broken"], "path": "/en/sign-in/", "title": "T"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.66, {applicant}",
        )

    via_balancer("198.51.100.7")
    via_balancer("198.51.100.7")
    via_balancer("198.51.100.8")
    # The forged first entry changes nothing: the right-most address is the one counted.
    assert ProblemReport.objects.count() == 2
