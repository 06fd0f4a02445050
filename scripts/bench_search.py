#!/usr/bin/env python
"""Search figure: the results page over 10,000 help topics within 2x its time over 100.

PostgreSQL full-text search is what is measured, so this runs on a database of its own, made
afresh on the PostgreSQL server of DATABASE_URL (or BENCH_POSTGRES_URL, default the local one)
and dropped at the end. Serves the production settings with gunicorn (2 workers) on loopback;
prints each figure, its target and PASS/FAIL; exits 1 if any misses.
"""

import os
import subprocess
import urllib.request
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

from benchlib import (
    BASE_DIR,
    PYTHON,
    ensure_wrk,
    finish,
    free_port,
    gunicorn,
    prepare,
    production_env,
    record,
    requests_per_second,
)

DATABASE = "portal_bench_search"
QUERIES = ["/en/search/?q=password", "/fr/recherche/?q=cle"]

# Adds filler topics up to a total; their words are common ones of the portal's topics and
# made-up ones, never the words searched for, so that the index, not a scan, must find those.
FILL = """
import random
from portal.models import HelpTopic
target = {total}
have = HelpTopic.objects.count()
rng = random.Random(have)
common = "account application sign online bank status message form page code time help".split()
syllables = [a + b for a in "bdfgkmnprstvz" for b in "aeiou"]
def words(n):
    made = (rng.choice(syllables) + rng.choice(syllables) + rng.choice(syllables) for _ in range(n))
    return [w if rng.random() < 0.7 else rng.choice(common) for w in made]
def topic(i):
    question_en, question_fr = " ".join(words(8)), " ".join(words(8))
    answer_en, answer_fr = " ".join(words(60)), " ".join(words(60))
    return HelpTopic(
        category=rng.choice(HelpTopic.Category.values), order=i, is_published=True,
        question_en=question_en, question_fr=question_fr,
        slug_en=f"bench-{{i}}", slug_fr=f"banc-{{i}}",
        answer_en=f"<p>{{answer_en}}</p>", answer_fr=f"<p>{{answer_fr}}</p>",
        answer_text_en=answer_en, answer_text_fr=answer_fr,
    )
HelpTopic.objects.bulk_create((topic(i) for i in range(have, target)), batch_size=1000)
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("ANALYZE portal_helptopic")
print(HelpTopic.objects.count())
"""

PLAN = """
from portal.search import _topics_postgres
print(_topics_postgres("password", ["password"], "en").explain())
"""


def server_url():
    base = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        base = "postgres://postgres@127.0.0.1:5432/postgres"
    return base


@contextmanager
def fresh_database():
    """A new, empty database on the PostgreSQL server, dropped afterwards."""
    import psycopg

    parts = urlsplit(server_url())
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    try:
        yield urlunsplit(parts._replace(path=f"/{DATABASE}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def shell(env, code):
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return result.stdout


def rates(url):
    """Requests per second of each query, after warming both workers."""
    measured = []
    for query in QUERIES:
        for _ in range(20):
            urllib.request.urlopen(url + query, timeout=5).read()  # noqa: S310
        measured.append(requests_per_second(url + query))
    return measured


def main():
    ensure_wrk()
    with fresh_database() as database_url:
        env = production_env(free_port())
        env["DATABASE_URL"] = database_url
        prepare(env)
        shell(env, FILL.format(total=100))
        with gunicorn(env) as url:
            small = rates(url)
            shell(env, FILL.format(total=10_000))
            large = rates(url)
        plan = shell(env, PLAN)
    for query, rate_small, rate_large in zip(QUERIES, small, large, strict=True):
        ratio = rate_small / rate_large
        print(
            f"      {query}: {rate_small:.0f} req/s over 100 topics, {rate_large:.0f} over 10,000"
        )
        record(f"search time, 10,000 topics / 100 ({query})", f"{ratio:.2f}x", "<= 2x", ratio <= 2)
    print("      " + plan.strip().replace("\n", "\n      "))
    uses_index = "portal_helptopic_search_en" in plan and "Seq Scan" not in plan
    record("search over 10,000 topics reads the GIN index", uses_index, "True", uses_index)
    finish()


if __name__ == "__main__":
    main()
