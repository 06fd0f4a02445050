#!/usr/bin/env python
"""Document request figures (issue "Requests for documents"), on PostgreSQL + Redis:

- the officers' queue (the admin's answered requests to review) with 100,000 requests opens
  within 1.5x its time with 100;
- an application page with 20 requests and 100 messages runs the same number of queries as with
  1 of each (in-process, Django's CaptureQueriesContext; also asserted by
  tests/document_requests/test_queries.py).

Two databases of its own (portal_bench_document_requests_small, reset to 100 requests, and
portal_bench_document_requests_large, made to 100,000 and kept between runs) with the benches'
Redis, each served with the production settings by gunicorn (2 workers) on loopback, side by
side. Both hold the same mix, over 5 applications' worth of requests each on average (20 and
20,000 applications): 40% answered and not reviewed (the queue), 30% answered and reviewed, 20%
waiting, 10% overdue; 1 or 2 documents asked for in each, most of those answered sent back;
answers spread over a year. The queue is opened by a case officer (staff, "case officer" group,
two-step verification set up) in alternating rounds (100, 100,000, 100, ...), the shared cache
emptied before each measurement. Prints each figure, its target and PASS/FAIL; exits 1 if any
misses.
"""

import statistics
import subprocess
import time
import urllib.request
from datetime import date, timedelta

from bench_apply_online import applicant
from benchlib import (
    BASE_DIR,
    PYTHON,
    alternate,
    backend,
    bench_env,
    clear_cache,
    finish,
    gunicorn,
    prepare,
    record,
    setup_django,
    staff_session_code,
)

SMALL, LARGE = 100, 100_000
# About five requests an application, at both sizes.
APPLICATIONS = {SMALL: 20, LARGE: 20_000}
LIST_SAMPLES = 15
QUEUE_PATH = "/en/staff-admin/document_requests/answeredrequest/"  # production_env's ADMIN_URL


def django(env, code, timeout=600):
    """Run ``code`` in a Django shell of the benchmark's settings; returns what it prints."""
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return result.stdout.strip()


# Makes the requests up to ``target`` on the bench's applications (Q000000000, ...), or keeps
# them when they are already there; anything else (the demo's request) is removed, so that the
# database holds exactly ``target``. Preceded by `target, applications, reset = ...`.
FILL = """
import random
from datetime import date, timedelta
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone
from applications.models import Application, ApplicationType
from document_requests.models import DocumentKind, DocumentRequest, ReplyDocument, RequestedItem

PREFIX = "Q"
DocumentRequest.objects.exclude(application__number__startswith=PREFIX).delete()
bench = DocumentRequest.objects.filter(application__number__startswith=PREFIX)
if reset or bench.count() != target:
    with connection.cursor() as cursor:  # the bench's own database: all of them, at once
        for model in (ReplyDocument, RequestedItem, DocumentRequest):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
    # Dates in the past: the rows are made as they would have been over the year.
    DocumentRequest._meta.get_field("created_at").auto_now_add = False
    ReplyDocument._meta.get_field("uploaded_at").auto_now_add = False
    rng = random.Random(12)
    now = timezone.now()
    day = timedelta(days=1)
    officer, _ = get_user_model().objects.get_or_create(
        username="benchofficer", defaults={"is_staff": True}
    )
    kind, _ = ApplicationType.objects.get_or_create(
        code="bench-requests", defaults={"name_en": "Work permit", "name_fr": "Permis de travail"}
    )
    numbers = [f"{PREFIX}{n:09d}" for n in range(applications)]
    ours = Application.objects.filter(number__startswith=PREFIX)
    have = set(ours.values_list("number", flat=True))
    Application.objects.bulk_create(
        (
            Application(
                number=number, uci=f"{10_000_000 + n:08d}", type=kind,
                received_on=(now - rng.randrange(60, 730) * day).date(),
                family_name="Applicant", given_names="Bench", date_of_birth=date(1986, 5, 17),
            )
            for n, number in enumerate(numbers) if number not in have
        ),
        batch_size=5000,
    )
    application_ids = list(ours.filter(number__lte=numbers[-1]).values_list("pk", flat=True))
    kinds = list(DocumentKind.objects.values_list("pk", flat=True))
    # 40% answered and not reviewed, 30% answered and reviewed, 20% waiting, 10% overdue.
    states = (
        ["queue"] * (target * 4 // 10) + ["reviewed"] * (target * 3 // 10)
        + ["waiting"] * (target * 2 // 10)
    )
    states += ["overdue"] * (target - len(states))
    rng.shuffle(states)

    def request(state):
        made = DocumentRequest(application_id=rng.choice(application_ids), created_by=officer)
        if state in ("queue", "reviewed"):
            made.answered_at = now - rng.uniform(0, 365) * day
            made.created_at = made.answered_at - rng.uniform(1, 30) * day
            made.state = DocumentRequest.State.ANSWERED
            made.reply = rng.choice(["", "Here they are.", "The letter is signed by my employer."])
            if state == "reviewed":
                made.reviewed_at = min(now, made.answered_at + rng.uniform(0.05, 10) * day)
                made.reviewed_by = officer
        elif state == "waiting":
            made.created_at = now - rng.uniform(0, 29) * day
        else:
            made.created_at = now - rng.uniform(31, 365) * day
            made.state = DocumentRequest.State.OVERDUE
            made.reminded_days = [7, 1]
        made.due_on = (made.created_at + 30 * day).date()
        return made

    def item(made, position):
        if rng.random() < 0.8:
            return RequestedItem(request=made, kind_id=rng.choice(kinds), position=position)
        return RequestedItem(
            request=made, position=position, description_en="Pay slips for the last 3 months",
            description_fr="Talons de paie des 3 derniers mois",
        )

    for start in range(0, target, 5000):
        with transaction.atomic():
            requests = DocumentRequest.objects.bulk_create(
                request(state) for state in states[start : start + 5000]
            )
            items = RequestedItem.objects.bulk_create(
                item(made, position)
                for made in requests
                for position in range(1, rng.choice([2, 3]))
            )
            # Most of what was asked for on an answered request came back.
            ReplyDocument.objects.bulk_create(
                ReplyDocument(
                    item=one, file=f"requests/{rng.getrandbits(128):032x}.pdf",
                    original_name=f"scan-{one.position}.pdf", content_type="application/pdf",
                    size=rng.randrange(50_000, 4_000_000),
                    uploaded_at=one.request.answered_at - rng.uniform(0, 0.1) * day,
                )
                for one in items
                if one.request.answered_at and rng.random() < 0.9
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (Application, DocumentRequest, RequestedItem, ReplyDocument):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
print(bench.count(), DocumentRequest.objects.count(), bench.filter(
    state=DocumentRequest.State.ANSWERED, reviewed_at__isnull=True).count())
"""

STAFF_SESSION = staff_session_code("benchofficer", "case officer")


def fill(env, target, *, reset=False):
    """Returns (the bench's requests, all requests, those in the queue)."""
    code = f"target, applications, reset = {target}, {APPLICATIONS[target]}, {reset}\n" + FILL
    return tuple(int(n) for n in django(env, code, timeout=1800).split())


def list_time(url, cookie, env):
    """Median seconds to open the queue, the shared cache emptied just before (the first
    opening counted with the others), and the first opening's seconds."""
    request = urllib.request.Request(  # noqa: S310 -- loopback http only
        url + QUEUE_PATH, headers={"Cookie": cookie}
    )

    def fetch():
        began = time.perf_counter()
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            body = response.read()
            if response.status != 200 or b"result_list" not in body:
                raise RuntimeError(f"the queue answered {response.status}")
            if response.url != url + QUEUE_PATH:
                raise RuntimeError(f"the queue was redirected to {response.url}")
        return time.perf_counter() - began

    clear_cache(env)
    timings = [fetch() for _ in range(LIST_SAMPLES)]
    return statistics.median(timings), timings[0]


def bench_queue(small, large, on):
    """The queue with 100,000 requests opens within 1.5x its time with 100."""
    alternate(
        f"officers' queue with {LARGE:,} requests / with {SMALL}",
        lambda: list_time(*small),
        lambda: list_time(*large),
        ratio=lambda small, large: large[0] / small[0],
        target="<= 1.5x",
        passes=lambda ratio: ratio <= 1.5,
        show=lambda times: f"{times[0] * 1000:.0f} ms (first opening {times[1] * 1000:.0f} ms)",
        on=on,
    )


def application_with(user, number, requests, messages):
    """An application of ``user`` with its steps, ``messages`` messages and ``requests``
    requests in turn answered, waiting, answered and reviewed, overdue (1 or 2 documents each,
    those answered sent back)."""
    from django.utils import timezone

    from applications.models import Application, ApplicationType, Message, Step
    from document_requests.models import (
        DocumentKind,
        DocumentRequest,
        ReplyDocument,
        RequestedItem,
    )

    Application.objects.filter(number=number).delete()
    kind, _ = ApplicationType.objects.get_or_create(
        code="bench-requests", defaults={"name_en": "Work permit", "name_fr": "Permis de travail"}
    )
    application = Application.objects.create(
        number=number,
        uci="12345678",
        type=kind,
        received_on=date(2026, 1, 1),
        family_name="Côté-O’Brien",
        given_names="Marie Ève",
        date_of_birth=date(1990, 4, 2),
        account=user,
        linked_at=timezone.now(),
    )
    Step.objects.bulk_create(Step(application=application, kind=step) for step in Step.Kind.values)
    Message.objects.bulk_create(
        Message(
            application=application,
            subject_en=f"Subject {n}",
            subject_fr=f"Objet {n}",
            body_en="Body",
            body_fr="Texte",
            allows_reply=n % 3 == 0,
        )
        for n in range(messages)
    )
    kinds = list(DocumentKind.objects.all())
    now = timezone.now()
    for n in range(requests):
        state = ["answered", "waiting", "reviewed", "overdue"][n % 4]
        answered = state in ("answered", "reviewed")
        made = DocumentRequest.objects.create(
            application=application,
            due_on=timezone.localdate() + timedelta(days=-3 if state == "overdue" else 5 + n),
            state={"reviewed": "answered"}.get(state, state),
            answered_at=now - timedelta(days=n) if answered else None,
            reviewed_at=now if state == "reviewed" else None,
        )
        for position in range(1, 2 + n % 2):
            item = RequestedItem.objects.create(
                request=made, kind=kinds[(n + position) % len(kinds)], position=position
            )
            if answered:
                ReplyDocument.objects.create(
                    item=item,
                    file=f"requests/bench{made.pk}-{position}.pdf",
                    original_name="scan.pdf",
                    content_type="application/pdf",
                    size=100_000,
                )
    return application


def query_count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}: not the page measured")
    return len(queries)


def page_queries_figure(env):
    from django.urls import reverse

    counts = []
    for username, number, requests, messages in (
        ("benchrequests1", "R000000001", 1, 1),
        ("benchrequests20", "R000000020", 20, 100),
    ):
        user, client, _cookie = applicant(username)
        application = application_with(user, number, requests, messages)
        counts.append(query_count(client, reverse("application_detail", args=[application.number])))
    record(
        "application page, queries with 1 request + 1 message vs 20 + 100",
        f"{counts[0]} vs {counts[1]}",
        "the same",
        counts[0] == counts[1],
        on=backend(env),
    )


def main():
    envs = {size: bench_env(f"document_requests_{size}") for size in ("small", "large")}
    for env in envs.values():
        prepare(env)
    on = backend(envs["small"])
    # The query figure in this process, on the small database (its requests go with the reset
    # below).
    setup_django(envs["small"])
    page_queries_figure(envs["small"])
    began = time.monotonic()
    small = fill(envs["small"], SMALL, reset=True)
    large = fill(envs["large"], LARGE)  # kept between runs: made again only when not complete
    print(
        f"      {large[0]:,} requests ready in {time.monotonic() - began:.0f} s; in the queue: "
        f"{small[2]:,} of {small[1]:,} and {large[2]:,} of {large[1]:,}"
    )
    cookies = {size: f"sessionid={django(env, STAFF_SESSION)}" for size, env in envs.items()}
    with gunicorn(envs["small"]) as small_url, gunicorn(envs["large"]) as large_url:
        bench_queue(
            (small_url, cookies["small"], envs["small"]),
            (large_url, cookies["large"], envs["large"]),
            on,
        )
    finish()


if __name__ == "__main__":
    main()
