"""The applicant's fee pages: pay, unavailable, waiting, receipt; and what staff see."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation

from apply_online.models import Draft
from payments import provider
from payments.models import Payment
from tests.conftest import DEMO_TOTP_SECRET
from tests.html import parse
from tests.payments.conftest import deliver, event_body, session_object


def _url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


class RecordingTransport:
    """Stands in for the network: records each call, then fails or answers as told."""

    def __init__(self, answer=None, error=None):
        self.calls, self.answer, self.error = [], answer, error

    def __call__(self, method, url, *, headers, body, timeout):
        self.calls.append((method, url, headers, json.loads(body) if body else None, timeout))
        if self.error:
            raise self.error
        return 200, json.dumps(self.answer).encode()


def test_the_review_page_signs_the_declaration_then_goes_to_payment(signed_in, declared_draft):
    Draft.objects.filter(pk=declared_draft.pk).update(declaration_name="")
    response = signed_in.post(
        _url("draft_review", draft_id=declared_draft.pk),
        {"full_name": "Marie Ève Côté-O’Brien", "agree": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == _url("payment_pay", draft_id=declared_draft.pk)
    declared_draft.refresh_from_db()
    assert declared_draft.declaration_name == "Marie Ève Côté-O’Brien"
    assert declared_draft.state == Draft.State.DRAFT


def test_the_pay_page_needs_a_signed_declaration(signed_in, declared_draft):
    Draft.objects.filter(pk=declared_draft.pk).update(declaration_name="")
    response = signed_in.get(_url("payment_pay", draft_id=declared_draft.pk))
    assert response["Location"] == _url("draft_review", draft_id=declared_draft.pk)


def test_the_pay_page_shows_the_fee_in_each_language(signed_in, declared_draft):
    english = parse(signed_in.get(_url("payment_pay", draft_id=declared_draft.pk)))
    assert english.select_one("main form .btn-primary").get_text(strip=True) == "Pay $100.00"
    french = parse(signed_in.get(_url("payment_pay", "fr", draft_id=declared_draft.pk)))
    assert french.select_one("main form .btn-primary").get_text(strip=True) == "Payer 100,00\u00a0$"


def test_another_accounts_pages_are_404(client, declared_draft, open_payment):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="someoneelse", totp_secret=DEMO_TOTP_SECRET))
    assert client.get(_url("payment_pay", draft_id=declared_draft.pk)).status_code == 404
    for name in ("payment_return", "payment_cancelled", "payment_receipt"):
        assert client.get(_url(name, payment_id=open_payment.pk)).status_code == 404


@pytest.mark.parametrize("error", [TimeoutError("slow"), ConnectionRefusedError("down")])
def test_a_provider_down_or_slow_saves_the_draft_and_charges_nothing(
    signed_in, declared_draft, monkeypatch, error
):
    down = RecordingTransport(error=error)
    monkeypatch.setattr(provider, "transport", down)
    url = _url("payment_pay", "fr", draft_id=declared_draft.pk)
    response = signed_in.post(url)
    assert response.status_code == 503
    page = parse(response)
    assert "Le paiement en ligne n’est pas offert pour le moment" in page.select_one(
        "#unavailable"
    ).get_text(" ", strip=True)
    payment = Payment.objects.get(draft=declared_draft)
    assert payment.status == Payment.Status.CREATING
    assert down.calls[0][4] == 3.0  # the provider's timeout, under the 5 s it may take
    # Once the provider is back, the same checkout is asked for: the same idempotency key.
    session = {"id": "cs_test_1", "url": "http://127.0.0.1:8000/en/payment-stub/pay/cs_test_1/"}
    up = RecordingTransport(answer=session)
    monkeypatch.setattr(provider, "transport", up)
    response = signed_in.post(url)
    assert response.status_code == 303
    assert response["Location"] == session["url"]
    assert up.calls[0][2]["Idempotency-Key"] == down.calls[0][2]["Idempotency-Key"]
    assert up.calls[0][3]["amount"] == 10000
    assert up.calls[0][3]["locale"] == "fr"
    assert Payment.objects.get(draft=declared_draft).status == Payment.Status.OPEN


def test_a_second_click_goes_to_the_same_checkout(signed_in, declared_draft, monkeypatch):
    session = {"id": "cs_test_2", "url": "http://127.0.0.1:8000/en/payment-stub/pay/cs_test_2/"}
    transport = RecordingTransport(answer=session)
    monkeypatch.setattr(provider, "transport", transport)
    url = _url("payment_pay", draft_id=declared_draft.pk)
    first, second = signed_in.post(url), signed_in.post(url)
    assert first["Location"] == second["Location"] == session["url"]
    assert len(transport.calls) == 1
    assert Payment.objects.filter(draft=declared_draft).count() == 1


def test_the_return_page_waits_for_the_provider_not_the_browser(
    client, signed_in, open_payment, monkeypatch
):
    # The provider still says the payment is being processed: the page waits politely.
    processing = session_object(open_payment, payment_status="processing")
    monkeypatch.setattr(provider, "transport", RecordingTransport(answer=processing))
    url = _url("payment_return", payment_id=open_payment.pk) + "?session_id=forged"
    page = parse(signed_in.get(url))
    assert page.select_one("h1").get_text() == "We are confirming your payment"
    assert page.select_one("[role=status]") is not None
    assert page.select_one(f"a[href='{_url('payment_return', payment_id=open_payment.pk)}']")
    assert not open_payment.account.applications.exists()
    # The signed event arrives: the same page now leads to the receipt.
    deliver(client, event_body("checkout.session.completed", session_object(open_payment)))
    response = signed_in.get(url)
    assert response["Location"] == _url("payment_receipt", payment_id=open_payment.pk)


def test_a_status_query_may_confirm_the_payment_too(signed_in, open_payment, monkeypatch):
    monkeypatch.setattr(
        provider, "transport", RecordingTransport(answer=session_object(open_payment))
    )
    response = signed_in.get(_url("payment_return", payment_id=open_payment.pk))
    assert response["Location"] == _url("payment_receipt", payment_id=open_payment.pk)
    open_payment.refresh_from_db()
    assert open_payment.status == Payment.Status.PAID
    assert open_payment.application is not None


def test_the_receipt_in_each_language_and_on_the_application_page(client, signed_in, open_payment):
    deliver(client, event_body("checkout.session.completed", session_object(open_payment)))
    open_payment.refresh_from_db()
    number = open_payment.application.number
    english = signed_in.get(_url("payment_receipt", payment_id=open_payment.pk)).content.decode()
    assert "$100.00" in english
    assert open_payment.reference in english
    assert number in english
    french = signed_in.get(_url("payment_receipt", "fr", payment_id=open_payment.pk))
    assert "100,00\u00a0$" in french.content.decode()
    detail = signed_in.get(_url("application_detail", number=number)).content.decode()
    assert "Fees paid" in detail
    assert _url("payment_receipt", payment_id=open_payment.pk) in detail


def test_only_finance_staff_see_payments_in_the_admin(client, open_payment):
    from tests.factories import UserFactory

    finance = UserFactory(username="financeclerk", is_staff=True, totp_secret=DEMO_TOTP_SECRET)
    finance.groups.add(Group.objects.get(name="finance"))
    triage = UserFactory(username="triageclerk", is_staff=True, totp_secret=DEMO_TOTP_SECRET)
    triage.groups.add(Group.objects.get(name="triage"))
    changelist = reverse("admin:payments_payment_changelist")
    client.force_login(triage)
    assert client.get(changelist).status_code == 403
    client.force_login(finance)
    page = client.get(changelist).content.decode()
    assert "Refund the selected payments in full" in page
    assert finance.has_perm("payments.refund_payment")
    assert not triage.has_perm("payments.refund_payment")
    assert not finance.has_perm("payments.change_payment")


def test_a_paid_example_is_in_the_demo_data(db, settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    payment = Payment.objects.get(idempotency_key="demo-paid-example")
    assert payment.status == Payment.Status.PAID
    assert payment.paid_at <= timezone.now()
