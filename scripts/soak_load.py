#!/usr/bin/env python
"""Load and faults (issue 8): 50 simulated applicants for 60 seconds, twice.

Serves the production settings with gunicorn (2 workers) on PostgreSQL and Redis, on loopback,
behind a pretend load balancer (each applicant's address in X-Forwarded-For), and drives it with
locust (scripts/locustfile.py: sign-in page, GCKey sign-in, account home, application page,
report a problem).

1. Steady: zero 5xx; every report the applicants were thanked for is in the database; p50 and
   p99 per page printed.
2. Faults, same load: PostgreSQL is stopped at 12 s and started 7 s later (only 503s while it
   is down, service back within 5 s of its return, no thanked report lost); Redis is shut down
   at 36 s for 10 s (no 5xx at all, /readyz says "degraded", then "ok" once Redis is back), then
   started again.

Each run stops by itself. A service this script stops, it starts again, also on failure.
"""

import json
import os
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from datetime import date

from benchlib import (
    BASE_DIR,
    PYTHON,
    finish,
    free_port,
    gunicorn,
    own_services,
    prepare,
    production_env,
    record,
    setup_django,
)

USERS = int(os.environ.get("LOAD_USERS_COUNT", "50"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
PASSWORD = "Load2026Maple"  # noqa: S105 - the made-up applicants of this loopback run
RECOVERY_SECONDS = 5
TOTP_PERIOD = 30  # allauth's MFA_TOTP_PERIOD, pyotp's default
# Within a 60-second run: PostgreSQL down from 12 s for 7 s (longer than the pool waits for a
# connection, DB_POOL_TIMEOUT), Redis down from 36 s for 10 s.
PG_RESTART_AT, PG_DOWN_FOR = SECONDS // 5, SECONDS * 7 // 60
REDIS_STOP_AT, REDIS_DOWN_FOR = SECONDS * 3 // 5, SECONDS // 6
POSTGRES_VERSION = os.listdir("/etc/postgresql")[0] if os.path.isdir("/etc/postgresql") else ""
REDIS_START = [
    "redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379",
    "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis",
    "--logfile", "/var/log/redis/ci.log",
]  # fmt: skip
OUT = BASE_DIR / "var" / "load"


# -- Data --------------------------------------------------------------------------------------


def make_applicants():
    """USERS applicants, each with an authenticator and one application of three messages."""
    import pyotp
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from accounts.models import User
    from applications.models import Application, ApplicationType, Message, Step

    User.objects.filter(username__startswith="loadapplicant").delete()
    Application.objects.filter(number__startswith="L").delete()
    kind, _ = ApplicationType.objects.get_or_create(
        code="load", defaults={"name_en": "Work permit", "name_fr": "Permis de travail"}
    )
    password = make_password(PASSWORD)  # one Argon2 hash for all: the same password
    accounts = []
    for index in range(USERS):
        user = User.objects.create(
            username=f"loadapplicant{index:02d}",
            password=password,
            email=f"load{index:02d}@example.com",
            given_names="Load",
            family_name="Applicant",
            date_of_birth=date(1990, 1, 1),
            preferred_language="en",
            profile_completed_at=timezone.now(),
        )
        secret = pyotp.random_base32()
        TOTP.activate(user, secret)
        application = Application.objects.create(
            number=f"L{index:09d}",
            uci=f"{index:08d}",
            type=kind,
            received_on=date(2026, 1, 1),
            family_name="Applicant",
            given_names="Load",
            date_of_birth=date(1990, 1, 1),
            account=user,
        )
        Step.objects.bulk_create(Step(application=application, kind=k) for k in Step.Kind.values)
        Message.objects.bulk_create(
            Message(
                application=application,
                subject_en=f"Message {n}",
                subject_fr=f"Message {n}",
                body_en="Body",
                body_fr="Texte",
            )
            for n in range(3)
        )
        accounts.append(
            {
                "username": user.username,
                "password": PASSWORD,
                "totp_secret": secret,
                "application": application.number,
                "address": f"198.51.100.{index + 1}",
            }
        )
    (OUT / "users.json").write_text(json.dumps(accounts))


def reports_missing(markers):
    from django.db import connections

    from feedback.models import ProblemReport

    connections.close_all()  # PostgreSQL may have restarted under this process's connection
    stored = set(ProblemReport.objects.filter(title__in=markers).values_list("title", flat=True))
    return [marker for marker in markers if marker not in stored]


# -- Services ----------------------------------------------------------------------------------


def run(*command):
    subprocess.run(command, check=True, capture_output=True, timeout=60)


def postgres_ready():
    return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0


def redis_ready():
    answer = subprocess.run(["redis-cli", "ping"], capture_output=True, text=True, check=False)
    return answer.stdout.strip() == "PONG"


def postgres(action):
    run("pg_ctlcluster", "--skip-systemctl-redirect", POSTGRES_VERSION, "main", action)


def postgres_restart(timeline):
    """Stopped, left down a while (longer than the pool's wait), started again."""
    timeline["pg_down"] = time.time()
    postgres("stop")
    try:
        time.sleep(PG_DOWN_FOR)
    finally:
        postgres("start")
    while not postgres_ready():
        time.sleep(0.05)
    timeline["pg_up"] = time.time()


def redis_outage(timeline):
    timeline["redis_down"] = time.time()
    run("redis-cli", "shutdown", "nosave")
    try:
        time.sleep(REDIS_DOWN_FOR)
    finally:
        redis_start()
    timeline["redis_up"] = time.time()


def redis_start():
    if not redis_ready():
        run(*REDIS_START)
    while not redis_ready():
        time.sleep(0.05)


def services_restore():
    """Leave the machine as it was found: both services running."""
    redis_start()
    if POSTGRES_VERSION and not postgres_ready():
        postgres("start")


# -- One run -----------------------------------------------------------------------------------


def faults(timeline, started):
    def at(second):
        time.sleep(max(0.0, started + second - time.time()))

    at(PG_RESTART_AT)
    postgres_restart(timeline)
    at(REDIS_STOP_AT)
    redis_outage(timeline)


def poll_readyz(url, stop, seen):
    while not stop.is_set():
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=5) as response:
                status = json.loads(response.read())["status"]
        except urllib.error.HTTPError as error:
            status = json.loads(error.read()).get("status", str(error.code))
        except (OSError, ValueError) as error:
            status = type(error).__name__
        seen.append((time.time(), status))
        stop.wait(0.5)


def load_run(url, name, *, with_faults):
    events, thanked = OUT / f"{name}-events.txt", OUT / f"{name}-thanked.txt"
    for each in (events, thanked):
        each.write_text("")
    env = {
        **os.environ,
        "LOAD_USERS": str(OUT / "users.json"),
        "LOAD_EVENTS": str(events),
        "LOAD_THANKED": str(thanked),
    }
    timeline, readyz, stop = {}, [], threading.Event()
    if with_faults:
        # A code is accepted once, so an applicant signing in again waits for the next 30-second
        # step of their authenticator: sign-ins finish in bursts on those steps. Start so that
        # one falls 4 s into the Redis outage, where sign-in has to work without Redis.
        time.sleep(-(time.time() + REDIS_STOP_AT + 4) % TOTP_PERIOD)
    started = time.time()
    command = [
        PYTHON, "-m", "locust", "-f", str(BASE_DIR / "scripts" / "locustfile.py"),
        "--headless", "--users", str(USERS), "--spawn-rate", str(USERS),
        "--run-time", f"{SECONDS}s", "--stop-timeout", "10", "--host", url,
        "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0",
    ]  # fmt: skip
    poller = threading.Thread(target=poll_readyz, args=(url, stop, readyz))
    with open(OUT / f"{name}-locust.log", "w") as log:
        locust = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=log)
        poller.start()
        try:
            if with_faults:
                faults(timeline, started)
            locust.wait(timeout=SECONDS + 60)
        finally:
            stop.set()
            poller.join()
            if locust.poll() is None:
                locust.kill()
            services_restore()
    requests = [line.split(" ", 3) for line in events.read_text().splitlines()]
    requests = [(float(t), int(s), float(ms), page) for t, s, ms, page in requests]
    markers = thanked.read_text().splitlines()
    return requests, markers, timeline, readyz


def print_pages(requests):
    pages = defaultdict(list)
    for _start, status, ms, page in requests:
        if status < 500:
            pages[page].append(ms)
    print(f"      {'page':<28} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for page, times in sorted(pages.items()):
        centiles = statistics.quantiles(times, n=100, method="inclusive")
        print(f"      {page:<28} {len(times):>8} {centiles[49]:>8.0f} {centiles[98]:>8.0f}")


def check_steady(requests, markers):
    print_pages(requests)
    errors = sum(1 for _t, status, _ms, _p in requests if status >= 500 or status == 0)
    record(f"steady load, {len(requests)} requests: 5xx answers", errors, "0", errors == 0)
    missing = reports_missing(markers)
    record(
        f"steady load: thanked reports missing from the database (of {len(markers)})",
        len(missing), "0", not missing and markers,
    )  # fmt: skip


def check_faults(requests, markers, timeline, readyz):
    print_pages(requests)
    pg_down, pg_up = timeline["pg_down"], timeline["pg_up"]
    redis_down, redis_up = timeline["redis_down"], timeline["redis_up"]
    print(
        f"      PostgreSQL down for {pg_up - pg_down:.1f} s; "
        f"Redis down for {redis_up - redis_down:.1f} s"
    )
    failures = [(t, s, ms) for t, s, ms, _p in requests if s >= 500 or s == 0]
    # Until Redis is stopped: any failure after that is not the database's.
    during_pg = [(t, s, ms) for t, s, ms in failures if pg_down - 1 <= t < redis_down]
    others = [f for f in failures if f not in during_pg]
    wrong = sorted({s for _t, s, _ms in during_pg if s != 503})
    record(
        f"PostgreSQL restart: {len(during_pg)} failed answers; other than 503",
        f"{wrong or 'none'}", "only 503", not wrong,
    )  # fmt: skip
    last_503 = max((t + ms / 1000 for t, _s, ms in during_pg), default=pg_up)
    recovered = max(0.0, last_503 - pg_up)
    served = [
        t + ms / 1000 - pg_up
        for t, s, ms, page in requests
        if t >= pg_up and s < 500 and page in ("account home", "application page")
    ]
    print(
        f"      first account page served {min(served, default=float('nan')):.2f} s after "
        f"PostgreSQL returned; last 503 answered {last_503 - pg_up:+.2f} s from it"
    )
    record(
        "service back after PostgreSQL returned", f"{recovered:.1f} s",
        f"<= {RECOVERY_SECONDS} s", recovered <= RECOVERY_SECONDS,
    )  # fmt: skip
    record("5xx outside the PostgreSQL restart (Redis down included)", len(others), "0", not others)
    while_pg_down = sorted({status for t, status in readyz if pg_down + 1 < t < pg_up})
    print(f"      /readyz while PostgreSQL was down: {while_pg_down}")
    signed_in = sum(
        1
        for t, status, _ms, page in requests
        if redis_down < t < redis_up and page == "GCKey sign-in (code)" and status == 302
    )
    record("GCKey sign-ins completed while Redis was down", signed_in, "> 0", signed_in > 0)
    states = [status for t, status in readyz if redis_down + 1 < t < redis_up]
    after = [status for t, status in readyz if t > redis_up + RECOVERY_SECONDS]
    record(
        "/readyz while Redis is down, and after",
        f"{sorted(set(states))} then {sorted(set(after))}",
        "degraded, then ok",
        set(states) == {"degraded"} and after and set(after) == {"ok"},
    )
    missing = reports_missing(markers)
    record(
        f"faults: thanked reports missing from the database (of {len(markers)})",
        len(missing), "0", not missing and markers,
    )  # fmt: skip


def main():
    if not POSTGRES_VERSION:
        raise SystemExit("this proof needs the local PostgreSQL cluster (pg_ctlcluster)")
    OUT.mkdir(parents=True, exist_ok=True)
    env = production_env(free_port())
    own_services(env, "LOAD", "portal_load", redis_db=7)
    env["TRUSTED_PROXY_COUNT"] = "1"  # the pretend load balancer's X-Forwarded-For
    prepare(env)
    setup_django(env)
    make_applicants()
    try:
        with gunicorn(env) as url:
            print(f"== steady: {USERS} applicants for {SECONDS} s")
            check_steady(*load_run(url, "steady", with_faults=False)[:2])
            print("== faults: the same load; PostgreSQL restarted, Redis stopped for a while")
            check_faults(*load_run(url, "faults", with_faults=True))
    finally:
        services_restore()
    finish()


if __name__ == "__main__":
    main()
