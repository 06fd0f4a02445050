"""The whole round trip with the stub provider, a separate party reached over its protocol:
pay → provider's page → test card → back → paid only by the signed webhook → receipt."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from applications.models import Application
from apply_online.models import Draft
from payments.models import Payment, WebhookEvent
from tests.payments.stub import stub_provider  # noqa: F401 - the fixture

CARD = {"name": "Marie Ève Côté-O’Brien", "expiry": "12/39", "cvc": "123"}
SUCCEEDS, DECLINED, CONFIRM, SLOW = (
    "4242 4242 4242 4242",
    "4000 0000 0000 0002",
    "4000 0025 0000 3155",
    "4000 0000 0000 0077",
)


def _pay_url(draft, language="en"):
    with translation.override(language):
        return reverse("payment_pay", args=[draft.pk])


def _to_provider(client, draft, language="en"):
    response = client.post(_pay_url(draft, language))
    assert response.status_code == 303
    return urlsplit(response["Location"]).path


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """What runs once a transaction commits (the provider's webhook delivery) runs at once."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _card(client, provider_page, number, committed):
    with committed():
        return client.post(provider_page, {**CARD, "number": number})


def test_a_good_card_pays_once_and_submits(signed_in, declared_draft, stub_provider, committed):  # noqa: F811
    page = _to_provider(signed_in, declared_draft)
    assert page.startswith("/en/payment-stub/pay/cs_")
    back = _card(signed_in, page, SUCCEEDS, committed)
    assert back.status_code == 303
    payment = Payment.objects.get(draft=declared_draft)
    assert urlsplit(back["Location"]).path == reverse("payment_return", args=[payment.pk])
    # The webhook, delivered on commit, has already paid it: the return leads to the receipt.
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert WebhookEvent.objects.filter(type="checkout.session.completed").count() == 1
    response = signed_in.get(back["Location"])
    assert response["Location"] == reverse("payment_receipt", args=[payment.pk])
    draft = Draft.objects.get(pk=declared_draft.pk)
    assert draft.state == Draft.State.SUBMITTED
    assert Application.objects.filter(account=declared_draft.account).count() == 1
    # Pressing "Pay" again (a back button, a replayed post) pays nothing more.
    again = signed_in.post(_pay_url(declared_draft))
    assert again.status_code == 302
    assert Payment.objects.filter(draft=declared_draft).count() == 1


def test_a_declined_card_charges_nothing_and_may_try_again(
    signed_in,
    declared_draft,
    stub_provider,  # noqa: F811
    committed,
):
    page = _to_provider(signed_in, declared_draft, "fr")
    assert page.startswith("/fr/payment-stub/pay/")
    refused = _card(signed_in, page, DECLINED, committed)
    assert refused.status_code in (200, 400)
    assert "refusée" in refused.content.decode()
    payment = Payment.objects.get(draft=declared_draft)
    assert payment.status == Payment.Status.OPEN
    # The same checkout again, with another card.
    assert _to_provider(signed_in, declared_draft, "fr") == page
    _card(signed_in, page, SUCCEEDS, committed)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID


def test_a_card_that_asks_for_confirmation(signed_in, declared_draft, stub_provider, committed):  # noqa: F811
    page = _to_provider(signed_in, declared_draft)
    confirm = _card(signed_in, page, CONFIRM, committed)
    assert confirm.status_code == 303
    assert Payment.objects.get(draft=declared_draft).status == Payment.Status.OPEN
    with committed():
        back = signed_in.post(confirm["Location"], {"confirm": ""})
    assert back.status_code == 303
    assert Payment.objects.get(draft=declared_draft).status == Payment.Status.PAID


def test_a_slow_payment_waits_until_the_provider_settles_it(
    signed_in,
    declared_draft,
    stub_provider,  # noqa: F811
    committed,
):
    from datetime import timedelta

    from django.utils import timezone

    from payment_stub.services import settle_due

    page = _to_provider(signed_in, declared_draft)
    back = _card(signed_in, page, SLOW, committed)
    payment = Payment.objects.get(draft=declared_draft)
    waiting = signed_in.get(back["Location"])
    assert waiting.status_code == 200
    assert "We are confirming your payment" in waiting.content.decode()
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PROCESSING
    assert not Application.objects.exists()
    with committed():  # the provider settles it, and sends its event
        settle_due(now=timezone.now() + timedelta(seconds=30))
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert Application.objects.count() == 1


def test_leaving_the_provider_page_charges_nothing(signed_in, declared_draft, stub_provider):  # noqa: F811
    _to_provider(signed_in, declared_draft)
    payment = Payment.objects.get(draft=declared_draft)
    page = signed_in.get(reverse("payment_cancelled", args=[payment.pk])).content.decode()
    assert "Nothing was charged" in page
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.OPEN


@pytest.mark.usefixtures("stub_provider")
def test_finance_refunds_through_the_provider_and_the_refund_is_recorded_once(
    client, signed_in, declared_draft, committed
):
    from django.contrib.auth.models import Group

    from tests.conftest import DEMO_TOTP_SECRET
    from tests.factories import UserFactory

    page = _to_provider(signed_in, declared_draft)
    _card(signed_in, page, SUCCEEDS, committed)
    payment = Payment.objects.get(draft=declared_draft)
    finance = UserFactory(username="refunder", is_staff=True, totp_secret=DEMO_TOTP_SECRET)
    finance.groups.add(Group.objects.get(name="finance"))
    client.force_login(finance)
    changelist = reverse("admin:payments_payment_changelist")
    for _ in range(2):  # a second refund of the same payment is refused, not made
        with committed():
            client.post(changelist, {"action": "refund", "_selected_action": [str(payment.pk)]})
    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED
    assert payment.refunded_by == finance
    assert payment.refund_id.startswith("re_")
    # The provider's own refund event arrives too: nothing changes.
    assert WebhookEvent.objects.filter(type="charge.refunded", outcome="already refunded").exists()
