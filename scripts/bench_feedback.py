#!/usr/bin/env python
"""Feedback figures: the triage list with 200,000 reports, and 200 reports sent at once.

Two databases of its own on PostgreSQL (portal_bench_feedback_small, reset to 200 reports, and
portal_bench_feedback_large, topped up to 200,000 and kept) with the benches' Redis, each served
with the production settings by gunicorn (2 workers) on loopback, side by side. The list is timed
in alternating rounds (200, 200,000, 200, ...), the shared cache emptied before each measurement
(the pages most reported, counted every few minutes, are counted afresh in it). Prints each
figure, its target and PASS/FAIL; exits 1 if any misses.
"""

import json
import statistics
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

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
    staff_session_code,
)

CONCURRENT = 200
SMALL, LARGE = 200, 200_000
LIST_SAMPLES = 15
LIST_PATH = "/en/staff-admin/feedback/problemreport/"  # benchlib.production_env's ADMIN_URL


def django(env, code):
    """Run ``code`` in a Django shell of the benchmark's settings; returns what it prints."""
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return result.stdout.strip()


def report_count(env):
    return int(
        django(env, "from feedback.models import ProblemReport as P; print(P.objects.count())")
    )


FILL = """
import random
from datetime import timedelta
from django.db import connection, transaction
from django.utils import timezone
from feedback.categories import Category
from feedback.models import ProblemReport, ReportCategory

target = {target}
if {reset}:
    ProblemReport.objects.all().delete()
pages = ["/en/sign-in/", "/fr/ouvrir-session/", "/en/technical-difficulties/",
         "/fr/difficultes-techniques/"] + [f"/en/page-{{n}}/" for n in range(200)]
codes = Category.values
now = timezone.now()
random.seed(6)
missing = target - ProblemReport.objects.count()
while missing > 0:
    batch = min(missing, 5000)
    with transaction.atomic():
        reports = ProblemReport.objects.bulk_create(
            ProblemReport(
                path=random.choice(pages), title="Bench", language=random.choice(["en", "fr"]),
                received_at=now - timedelta(minutes=random.randrange(60 * 24 * 90)),
            )
            for _ in range(batch)
        )
        ReportCategory.objects.bulk_create(
            ReportCategory(report=report, category=random.choice(codes)) for report in reports
        )
    missing -= batch
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE feedback_problemreport; ANALYZE feedback_reportcategory")
print(ProblemReport.objects.count())
"""

STAFF_SESSION = staff_session_code("benchtriager", "triage")


def fill(env, target, *, reset=False):
    django(env, FILL.format(target=target, reset=reset))


def bench_concurrent_reports(url, env, on):
    """Issue 6: 200 report submissions at once store exactly 200 records."""
    before = report_count(env)
    body = urllib.parse.urlencode(
        {
            "categories": ["broken", "login-gckey"],
            "path": "/en/sign-in/",
            "title": "IRCC secure account: Sign in",
        },
        doseq=True,
    ).encode()
    start = threading.Barrier(CONCURRENT)

    def send(_):
        request = urllib.request.Request(  # noqa: S310 -- loopback http only
            url + "/en/report-problem/",
            data=body,
            headers={"Accept": "application/json", "Origin": url},
        )
        start.wait(timeout=60)
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            return json.loads(response.read())["status"]

    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=CONCURRENT) as pool:
        answers = list(pool.map(send, range(CONCURRENT)))
    elapsed = time.monotonic() - began
    stored = report_count(env) - before
    print(
        f"      {CONCURRENT} posts answered in {elapsed:.1f} s: {answers.count('thanks')} thanked"
    )
    record(
        f"{CONCURRENT} concurrent reports stored",
        stored,
        f"exactly {CONCURRENT}",
        stored == CONCURRENT and answers.count("thanks") == CONCURRENT,
        on=on,
    )


def list_time(url, session, env):
    """Median seconds to open the triage list, the shared cache emptied just before (the first
    opening counted with the others), and the first opening's seconds."""
    request = urllib.request.Request(  # noqa: S310 -- loopback http only
        url + LIST_PATH, headers={"Cookie": f"sessionid={session}"}
    )

    def fetch():
        began = time.perf_counter()
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            body = response.read()
            if response.status != 200 or b"result_list" not in body:
                raise RuntimeError(f"the triage list answered {response.status}")
        return time.perf_counter() - began

    clear_cache(env)
    timings = [fetch() for _ in range(LIST_SAMPLES)]
    return statistics.median(timings), timings[0]


def bench_triage_list(small, large, on):
    """The list with 200,000 reports opens within 2x its time with 200."""
    alternate(
        f"triage list with {LARGE:,} / with {SMALL}",
        lambda: list_time(*small),
        lambda: list_time(*large),
        ratio=lambda small, large: large[0] / small[0],
        target="<= 2x",
        passes=lambda ratio: ratio <= 2,
        show=lambda times: f"{times[0] * 1000:.0f} ms (first opening {times[1] * 1000:.0f} ms)",
        on=on,
    )


def main():
    envs = {size: bench_env(f"feedback_{size}") for size in ("small", "large")}
    for env in envs.values():
        # Every post comes from 127.0.0.1 here; the per-address limit is not what is measured.
        env["FEEDBACK_REPORT_LIMIT"] = "1000000"
        prepare(env)
    on = backend(envs["small"])
    fill(envs["small"], 0, reset=True)
    began = time.monotonic()
    # Kept between runs: topped up to the number, or made again when it holds more.
    have = report_count(envs["large"])
    fill(envs["large"], LARGE, reset=have > LARGE)
    print(f"      {LARGE:,} reports ready in {time.monotonic() - began:.0f} s")
    sessions = {size: django(env, STAFF_SESSION) for size, env in envs.items()}
    with gunicorn(envs["small"]) as small_url, gunicorn(envs["large"]) as large_url:
        bench_concurrent_reports(small_url, envs["small"], on)
        fill(envs["small"], SMALL, reset=True)
        bench_triage_list(
            (small_url, sessions["small"], envs["small"]),
            (large_url, sessions["large"], envs["large"]),
            on,
        )
    fill(envs["small"], 0, reset=True)
    finish()


if __name__ == "__main__":
    main()
