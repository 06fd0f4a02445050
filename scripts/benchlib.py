"""Shared pieces of the benchmark scripts (scripts/bench_*.py, run by `make bench`).

Every load run is bounded in time and targets 127.0.0.1 only. The benches run on PostgreSQL and
Redis of their own (``bench_env``); every ratio is measured in alternating rounds and reported
as the median with its spread (``alternate``), and each figure names its backend.
"""

import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
# At least 3: one round can always be lucky or unlucky on a shared machine.
ROUNDS = max(3, int(os.environ.get("BENCH_ROUNDS", "3")))
# Where the benches' databases are made (portal_bench_<name>, kept between runs), and their Redis
# database (emptied at the start of each script). BENCH_BACKEND=sqlite: SQLite and no Redis.
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")
SQLITE = os.environ.get("BENCH_BACKEND", "postgresql").lower() == "sqlite"
results = []


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(port):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DEBUG="false",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # Loopback HTTP: no TLS redirect, no __Secure- cookies for this local run.
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        LOOPBACK_DEMO="true",  # plain HTTP on loopback (portal/checks.py)
        PAYMENT_STUB_ENABLED="true",  # the demonstration payment provider, as make serve has
        ADMIN_URL="staff-admin/",
        PORTAL_BASE_URL=f"http://127.0.0.1:{port}",
        PORT=str(port),
        WEB_CONCURRENCY="2",
    )
    return env


def server_root(url=POSTGRES_SERVER):
    """``url`` without its database: ``postgres://user@host:port``."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="", query="", fragment=""))


def bench_env(name):
    """Production settings on a database of the bench's own, ``portal_bench_<name>`` on the
    PostgreSQL server of BENCH_POSTGRES_URL (made when missing, kept), and the Redis database of
    BENCH_REDIS_URL (emptied now); its cache keys are prefixed with the name, so that two servers
    side by side keep apart. With BENCH_BACKEND=sqlite: ``var/bench-<name>.sqlite3``, made
    afresh, and each process's own memory cache."""
    env = production_env(free_port())
    env["CACHE_KEY_PREFIX"] = f"bench-{name}"
    if SQLITE:
        env["DATABASE_URL"] = f"sqlite:///{BASE_DIR / 'var' / f'bench-{name}.sqlite3'}"
        env["REDIS_URL"] = ""
        (BASE_DIR / "var").mkdir(exist_ok=True)
        (BASE_DIR / "var" / f"bench-{name}.sqlite3").unlink(missing_ok=True)
    else:
        env["DATABASE_URL"] = postgres_database(f"{server_root()}/portal_bench_{name}")
        env["REDIS_URL"] = REDIS
        flush_redis(REDIS)
    return env


def backend(env):
    """What ``env`` runs on, for the figures: "PostgreSQL + Redis", say."""
    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    cache = "Redis" if env.get("REDIS_URL") else "per-process memory cache"
    return f"{database} + {cache}"


def clear_cache(env):
    """Empty the shared cache a server of ``env`` reads (its Redis database), as after an
    expiry; per-process caches are the server's own and are not touched."""
    if env.get("REDIS_URL"):
        flush_redis(env["REDIS_URL"])


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


@contextmanager
def gunicorn(env, started=None):
    # The server's JSON logs (one line per request) go to a file, not over the figures.
    log = open(BASE_DIR / "var" / "bench-server.log", "a")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "portal.wsgi"],
        cwd=BASE_DIR,
        env=env,
        start_new_session=True,
        stdout=log,
        stderr=log,
    )
    url = f"http://127.0.0.1:{env['PORT']}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        if started is not None:
            started(process)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if shutil.which("apt-get") and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    if not shutil.which("wrk"):
        sys.exit("wrk is needed for the load figures: apt-get install wrk")


def requests_per_second(url):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=DURATION + 30,
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses during the run")
    return float(match.group(1))


def record(name, value, target, ok, *, on=None):
    """Print one figure with its target and PASS/FAIL; ``on``: the backend it was measured on."""
    results.append(ok)
    where = f"  [{on}]" if on else ""
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {value}  (target: {target}){where}")


def alternate(name, first, second, *, ratio, target, passes, show, on):
    """Measure ``first()`` then ``second()``, and again, ROUNDS times in all (A, B, A, B, ...);
    each round gives ``ratio(a, b)``. Prints every round (``show(a)``, ``show(b)``), then records
    the median ratio with its min–max, PASS/FAIL on the median (``passes(median)``).

    Alternating spreads the machine's changes of load over both sides; the median keeps one odd
    round from deciding, and the spread shows how far to trust it. Returns the median."""
    ratios = []
    for index in range(ROUNDS):
        a = first()
        b = second()
        ratios.append(ratio(a, b))
        print(f"      round {index + 1}: {show(a)} vs {show(b)}: {ratios[-1]:.2f}x")
    middle = statistics.median(ratios)
    record(
        name,
        f"{middle:.2f}x (median of {ROUNDS} rounds; {min(ratios):.2f}–{max(ratios):.2f}x)",
        target,
        passes(middle),
        on=on,
    )
    return middle


def prepare(env):
    """Collect static files, migrate and load the demo data for a production-settings run."""
    (BASE_DIR / "var").mkdir(exist_ok=True)
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "migrate", "--noinput", "-v0")
    # The stub broker is off with DEBUG off, so its tables were not migrated: leave it out here.
    manage({**env, "DEBUG": "true", "PARTNER_STUB_ENABLED": "false"}, "seed_demo")


def setup_django(env):
    """Use the bench's settings and database in this process too (to make data, time code)."""
    os.environ.update(env)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def median_seconds(url, *, cookies="", samples=30):
    """Median time of ``samples`` sequential GETs of ``url`` (each must answer 200)."""
    timings = []
    for _ in range(samples):
        request = urllib.request.Request(url, headers={"Cookie": cookies})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{url} answered {response.status}")
            if response.url != url:  # a redirect (to a sign-in page, say) is not the page
                raise RuntimeError(f"{url} was redirected to {response.url}")
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def postgres_database(url):
    """``url``, a PostgreSQL database of the run's own, created when missing."""
    import psycopg

    name = urllib.parse.urlsplit(url).path.lstrip("/")
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    return url


def flush_redis(url):
    """Start from no counts: the run's Redis database is its own."""
    import redis

    redis.Redis.from_url(url).flushdb()


def own_services(env, prefix, database, redis_db):
    """Point ``env`` at a PostgreSQL database and a Redis database of the run's own (made when
    missing, Redis emptied), unless ``<prefix>_DATABASE_URL`` / ``<prefix>_REDIS_URL`` say
    otherwise."""
    env["REDIS_URL"] = os.environ.get(f"{prefix}_REDIS_URL", f"redis://127.0.0.1:6379/{redis_db}")
    env["DATABASE_URL"] = postgres_database(
        os.environ.get(f"{prefix}_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{database}")
    )
    flush_redis(env["REDIS_URL"])
    return env


def finish():
    """Exit 1 if any recorded figure missed its target."""
    sys.exit(0 if all(results) else 1)


def staff_session_code(username, group):
    """Python for ``django(env, code)``: a session of staff member ``username`` of ``group``
    (with two-step verification, as the admin needs), printed as its key."""
    return f"""
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
user, _ = get_user_model().objects.get_or_create(
    username={username!r}, defaults={{"is_staff": True}}
)
user.groups.add(Group.objects.get(name={group!r}))
if not Authenticator.objects.filter(user=user, type="totp").exists():
    TOTP.activate(user, "A2RDWP24JXCMROBGZ5TBTQPJPPTPCEKS")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""
