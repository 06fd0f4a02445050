#!/usr/bin/env python
"""Memory: a worker's resident memory after 10,000 requests stays under 150 MB (issue 8).

Serves the production settings with gunicorn (2 workers, never recycled for this run) on
loopback, on PostgreSQL and Redis (the two-server proof's databases, SOAK_DATABASE_URL and
SOAK_REDIS_URL), sends 10,000 requests over a mix of pages from 4 client threads, then reads each
worker's resident set size from /proc. Bounded: the requests have a 30-second timeout each.
"""

import os
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchlib import finish, free_port, gunicorn, own_services, prepare, production_env, record

REQUESTS = int(os.environ.get("SOAK_REQUESTS", "10000"))
LIMIT_MB = 150
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


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


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
    with gunicorn(env) as url:
        master = int(
            Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split()[0]
        )
        before = {pid: rss_mb(pid) for pid in worker_pids(master)}
        urls = [url + PAGES[index % len(PAGES)] for index in range(REQUESTS)]
        with ThreadPoolExecutor(max_workers=4) as pool:
            statuses = list(pool.map(fetch, urls))
        after = {pid: rss_mb(pid) for pid in worker_pids(master)}
    errors = sum(status >= 500 for status in statuses)
    for pid, size in after.items():
        print(f"      worker {pid}: {before.get(pid, 0):.0f} MB at start, {size:.0f} MB after")
    record("requests answered with a 5xx", errors, "0", errors == 0)
    largest = max(after.values())
    record(
        f"largest worker after {REQUESTS:,} requests",
        f"{largest:.0f} MB",
        f"< {LIMIT_MB} MB",
        largest < LIMIT_MB,
    )
    finish()


if __name__ == "__main__":
    main()
