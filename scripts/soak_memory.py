#!/usr/bin/env python
"""Memory: a worker's resident memory stays under 150 MB over 10,000 requests and stops growing.

Serves the production settings with gunicorn (2 workers, never recycled for this run) on
loopback, on PostgreSQL and Redis (the two-server proof's databases, SOAK_DATABASE_URL and
SOAK_REDIS_URL), sends 10,000 requests from 4 client threads over a mix of pages, half of them
signed in (account home and application pages of 8 applicants with sessions of their own), and
reads each worker's resident set size from /proc every 1,000 requests (SOAK_READ_EVERY). Fails
if a worker ends above 150 MB, or if over the last third of the readings its memory still grows
by more than SOAK_GROWTH_LIMIT MB per 1,000 requests (least-squares slope; default 0.25).
Bounded: the requests have a 30-second timeout each.
"""

import os
import statistics
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

from benchlib import (
    finish,
    free_port,
    gunicorn,
    own_services,
    prepare,
    production_env,
    record,
    setup_django,
)

REQUESTS = int(os.environ.get("SOAK_REQUESTS", "10000"))
READ_EVERY = int(os.environ.get("SOAK_READ_EVERY", "1000"))
GROWTH_LIMIT = float(os.environ.get("SOAK_GROWTH_LIMIT", "0.25"))  # MB per 1,000 requests
LIMIT_MB = 150
APPLICANTS = 8
PAGES = [
    "/en/sign-in/",
    "/fr/ouvrir-session/",
    "/en/help/",
    "/fr/aide/",
    "/en/search/?q=password",
    "/en/account/sign-in/",
    "/en/technical-difficulties/",
    "/en/no-such-page/",
]


def signed_in_pages():
    """(path, Cookie header) of account pages of APPLICANTS applicants, each signed in."""
    from allauth.mfa.totp.internal.auth import TOTP
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from accounts.models import User
    from applications.models import Application, ApplicationType

    kind, _ = ApplicationType.objects.get_or_create(
        code="soak", defaults={"name_en": "Work permit", "name_fr": "Permis de travail"}
    )
    pages = []
    for index in range(APPLICANTS):
        username = f"soakapplicant{index}"
        Application.objects.filter(account__username=username).delete()
        User.objects.filter(username=username).delete()
        user = User.objects.create(
            username=username,
            email=f"{username}@example.com",
            given_names="Soak",
            family_name="Applicant",
            date_of_birth=date(1990, 1, 1),
            preferred_language="en" if index % 2 else "fr",
            profile_completed_at=timezone.now(),
        )
        TOTP.activate(user, "A2RDWP24JXCMROBGZ5TBTQPJPPTPCEKS")
        application = Application.objects.create(
            number=f"S{index:09d}",
            uci=f"9{index:07d}",
            type=kind,
            received_on=date(2026, 1, 1),
            family_name="Applicant",
            given_names="Soak",
            date_of_birth=date(1990, 1, 1),
            account=user,
        )
        client = Client()
        client.force_login(user)
        cookie = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
        pages += [
            ("/en/account/", cookie),
            (f"/en/account/applications/{application.number}/", cookie),
        ]
    return pages


def fetch(url, cookie=""):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            if cookie and "/account/" not in response.url:
                return 0  # sent to a sign-in page: not the signed-in traffic meant
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def slope(points):
    """Least-squares slope of (x, y) points."""
    xs, ys = zip(*points, strict=True)
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return [int(pid) for pid in children]


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def main():
    env = own_services(production_env(free_port()), "SOAK", "portal_soak", redis_db=6)
    env["WEB_MAX_REQUESTS"] = "0"
    prepare(env)
    setup_django(env)
    # Anonymous pages and signed-in ones in turn: half the traffic is signed in.
    signed_in = signed_in_pages()
    mix = [
        page
        for index in range(max(len(PAGES), len(signed_in)))
        for page in ((PAGES[index % len(PAGES)], ""), signed_in[index % len(signed_in)])
    ]
    on = "PostgreSQL + Redis"
    with gunicorn(env) as url:
        master = int(
            Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split()[0]
        )
        workers = worker_pids(master)
        readings = [(0, {pid: rss_mb(pid) for pid in workers})]
        statuses = []
        with ThreadPoolExecutor(max_workers=4) as pool:
            for start in range(0, REQUESTS, READ_EVERY):
                batch = [mix[index % len(mix)] for index in range(start, start + READ_EVERY)]
                statuses += pool.map(lambda page: fetch(url + page[0], page[1]), batch)
                readings.append((len(statuses), {pid: rss_mb(pid) for pid in workers}))
        recycled = set(worker_pids(master)) != set(workers)
    print("      requests  " + "  ".join(f"worker {pid:>7}" for pid in workers))
    for sent, sizes in readings:
        print(f"      {sent:>8,}  " + "  ".join(f"{sizes[pid]:>11.1f} MB" for pid in workers))
    errors = sum(status >= 500 for status in statuses)
    wrong = sum(status == 0 for status in statuses)
    record("requests answered with a 5xx", errors, "0", errors == 0, on=on)
    record("signed-in requests sent to sign in", wrong, "0", wrong == 0, on=on)
    record("workers recycled during the run", recycled, "False", not recycled, on=on)
    largest = max(readings[-1][1].values())
    record(
        f"largest worker after {REQUESTS:,} requests",
        f"{largest:.0f} MB",
        f"< {LIMIT_MB} MB",
        largest < LIMIT_MB,
        on=on,
    )
    last_third = readings[-max(3, -(-len(readings) // 3)) :]  # a third, rounded up
    growth = max(
        slope([(sent / 1000, sizes[pid]) for sent, sizes in last_third]) for pid in workers
    )
    record(
        f"growth over the last {len(last_third)} readings (steepest worker, least squares)",
        f"{growth:+.2f} MB per 1,000 requests",
        f"<= {GROWTH_LIMIT} MB per 1,000 requests",
        growth <= GROWTH_LIMIT,
        on=on,
    )
    finish()


if __name__ == "__main__":
    main()
