#!/usr/bin/env python
"""Fees exactly once (issue "Pay the fees online"), on PostgreSQL + Redis, against gunicorn:

1. Webhooks: 100 deliveries for 20 payments, shuffled and posted 16 at a time. For each payment
   two distinct signed events that say it is paid (`checkout.session.completed`, then
   `checkout.session.async_payment_succeeded`): 40 events; 50 replays of them; 10 copies signed
   with another secret. The events are made here, as the provider makes them (HMAC-SHA256 over
   "<timestamp>.<body>"), for 20 checkouts opened through the portal's service. Expected:
   exactly 20 payments paid, 20 applications, 10 refusals in the server's log, no 5xx.
2. The provider down (nothing listening) and slow (the stub provider told to take 5 s to create
   a checkout) when an applicant presses "Pay": the bilingual "payment is unavailable, your
   draft is saved" page (503, in the provider timeout), no 500, nothing charged at the provider.
"""

import json
import random
import secrets
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from bench_apply_online import CSRF, OPENER, applicant
from benchlib import (
    BASE_DIR,
    backend,
    bench_env,
    finish,
    free_port,
    gunicorn,
    manage,
    prepare,
    record,
    setup_django,
)

PAYMENTS = 20
REPLAYS = 50
BAD = 10
LOG = BASE_DIR / "var" / "bench-server.log"
PERSONAL = {
    "family_name": "Côté-O’Brien",
    "given_names": "Marie Ève",
    "native_name": "",
    "date_of_birth": "1990-04-02",
    "sex": "f",
    "country_of_birth": "France",
    "citizenship": "France",
}


def fee_type():
    """A type of one section, no documents and a $100 fee (not offered to applicants)."""
    from applications.models import ApplicationType
    from apply_online.demo import FIXTURE, forms_load

    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["types"] = [
        {
            "code": "soak-fee",
            "name": {"en": "Soak", "fr": "Essai"},
            "fee": "100.00",
            "letter": "S",
            "sections": ["personal"],
            "checklist": [],
        }
    ]
    forms_load(data)
    ApplicationType.objects.filter(code="soak-fee").update(online=False)
    return ApplicationType.objects.get(code="soak-fee")


def declared_draft(user, application_type):
    from apply_online.services import draft_declare, draft_section_save, draft_start

    draft = draft_start(user=user, application_type=application_type)
    draft_section_save(draft_id=draft.pk, user=user, position=1, typed=PERSONAL, complete=True)
    return draft_declare(draft_id=draft.pk, user=user, declaration_name="Marie Ève Côté-O’Brien")


def open_checkout(user, draft):
    """What checkout_start leaves once the provider answered (the provider is not needed to
    post its events: the soak plays it)."""
    from payments.models import Payment
    from payments.services import _active_payment_or_new

    payment = _active_payment_or_new(draft_id=draft.pk, user=user, language="en")
    Payment.objects.filter(pk=payment.pk).update(
        status=Payment.Status.OPEN, session_id=f"cs_soak_{secrets.token_hex(8)}"
    )
    payment.refresh_from_db()
    return payment


def signed(body, secret):
    import hashlib
    import hmac

    timestamp = int(time.time())
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def event(kind, payment):
    session = {
        "object": "checkout.session",
        "id": payment.session_id,
        "status": "complete",
        "payment_status": "paid",
        "amount_total": payment.amount_cents,
        "currency": "cad",
        "client_reference_id": str(payment.pk),
        "payment_intent": f"pi_{payment.pk.hex[:20]}",
    }
    return json.dumps(
        {
            "id": f"evt_{secrets.token_hex(10)}",
            "object": "event",
            "type": kind,
            "created": int(time.time()),
            "data": {"object": session},
        }
    ).encode()


def deliver(url, body, signature):
    request = urllib.request.Request(
        url,
        data=body,
        headers={"Content-Type": "application/json", "Stub-Signature": signature},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def soak_applicant(username):
    """A fresh applicant (a database kept between runs keeps the last run's payments, which
    protect their accounts: they go first)."""
    from payments.models import Payment

    Payment.objects.filter(account__username=username).delete()
    return applicant(username)


def webhook_figure(url, env):
    from django.conf import settings

    from applications.models import Application
    from payments.models import Payment

    application_type = fee_type()
    users, payments = [], []
    for n in range(PAYMENTS):
        user, _client, _cookie = soak_applicant(f"soakpay{n}")
        users.append(user)
        payments.append(open_checkout(user, declared_draft(user, application_type)))
    secret = settings.PAYMENT_WEBHOOK_SECRET
    events = [
        event(kind, payment)
        for payment in payments
        for kind in ("checkout.session.completed", "checkout.session.async_payment_succeeded")
    ]
    deliveries = [(body, signed(body, secret)) for body in events]
    deliveries += [(body, signed(body, secret)) for body in random.choices(events, k=REPLAYS)]
    deliveries += [(body, signed(body, "not-the-secret")) for body in random.sample(events, BAD)]
    random.shuffle(deliveries)
    LOG.parent.mkdir(exist_ok=True)
    LOG.touch()
    start = LOG.stat().st_size
    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(lambda d: deliver(url + "/payments/webhook/", *d), deliveries))
    time.sleep(1)  # the server's last log lines
    with open(LOG, "rb") as log:
        log.seek(start)
        refusals = log.read().decode(errors="replace").count("payment webhook refused")
    paid = Payment.objects.filter(pk__in=[p.pk for p in payments], status="paid").count()
    flagged = Payment.objects.filter(pk__in=[p.pk for p in payments]).exclude(attention="").count()
    made = Application.objects.filter(account__in=users).count()
    errors = sum(status >= 500 for status in statuses)
    record(
        f"{len(deliveries)} webhook deliveries for {PAYMENTS} payments "
        f"({len(events)} events, {REPLAYS} replays, {BAD} bad signatures, shuffled)",
        f"{paid} paid, {made} applications, {refusals} refusals logged, {flagged} flagged, "
        f"{errors} 5xx (answers: {sorted(set(statuses))})",
        f"{PAYMENTS} paid, {PAYMENTS} applications, {BAD} refusals, 0 5xx",
        paid == PAYMENTS and made == PAYMENTS and refusals == BAD and errors == 0 and flagged == 0,
        on=backend(env),
    )


def pay(url, cookie, language):
    """Press "Pay" on a declared draft's pay page: (status, seconds, page text)."""
    body = f"csrfmiddlewaretoken={CSRF}".encode()
    request = urllib.request.Request(
        url,
        data=body,
        headers={
            "Cookie": f"{cookie}; csrftoken={CSRF}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        method="POST",
    )
    started = time.perf_counter()
    try:
        with OPENER.open(request, timeout=60) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    return status, time.perf_counter() - started, text


UNAVAILABLE = {
    "en": "Online payment is unavailable right now",
    "fr": "Le paiement en ligne n’est pas offert pour le moment",
}


def unavailable_figure(name, url, env):
    from django.urls import reverse
    from django.utils import translation

    from payments.models import Payment

    application_type = fee_type()
    answers = []
    for language in ("en", "fr"):
        user, _client, cookie = soak_applicant(f"soak{name.split()[0]}{language}")
        draft = declared_draft(user, application_type)
        with translation.override(language):
            path = reverse("payment_pay", args=[draft.pk])
        status, seconds, text = pay(url + path, cookie, language)
        answers.append((status, seconds, UNAVAILABLE[language] in text))
        payment = Payment.objects.get(draft=draft)
        answers[-1] += (payment.status == Payment.Status.CREATING,)
    charged = charged_at_provider()
    record(
        f"provider {name} when paying: the answer in each language",
        ", ".join(
            f"{status} in {seconds:.1f} s, {'the' if shown else 'NOT the'} unavailable page"
            for status, seconds, shown, _kept in answers
        )
        + f"; {charged} charged",
        "the bilingual unavailable page, no 500, nothing charged",
        all(status == 503 and shown and kept for status, _s, shown, kept in answers)
        and charged == 0,
        on=backend(env),
    )


def charged_at_provider():
    """Payments the stub provider took (its own records, read as an auditor would)."""
    from django.apps import apps

    if not apps.is_installed("payment_stub"):
        return 0
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM payment_stub_checkoutsession WHERE payment_status <> 'unpaid'"
        )
        return cursor.fetchone()[0]


def main():
    env = bench_env("payments")
    prepare(env)
    setup_django(env)
    with gunicorn(env) as url:
        webhook_figure(url, env)
    # Slow: the stub provider in the same server takes 5 s to create a checkout.
    manage({**env, "DEBUG": "true"}, "payment_stub_merchant", "--create-delay", "5")
    with gunicorn(env) as url:
        unavailable_figure("slow (5 s)", url, env)
    manage({**env, "DEBUG": "true"}, "payment_stub_merchant", "--create-delay", "0")
    # Down: nothing listens where the provider should be.
    down = {**env, "PAYMENT_PROVIDER_URL": f"http://127.0.0.1:{free_port()}/payment-stub"}
    with gunicorn(down) as url:
        unavailable_figure("down", url, env)
    finish()


if __name__ == "__main__":
    sys.exit(main())
