#!/usr/bin/env python
"""Search figure: the results page over 10,000 help topics within 2x its time over 100.

PostgreSQL full-text search is what is measured, so this runs on two databases of its own (100
and 10,000 topics), made afresh on the PostgreSQL server of DATABASE_URL (or BENCH_POSTGRES_URL,
default the local one) and dropped at the end. Serves the production settings with gunicorn
(2 workers) on loopback; prints each figure, its target and PASS/FAIL; exits 1 if any misses.
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

DATABASE = "portal_bench_search"  # _100 and _10000
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
    # What autovacuum does after a large insert: merge the GIN index's pending entries.
    cursor.execute("VACUUM ANALYZE portal_helptopic")
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
def fresh_database(name):
    """A new, empty database on the PostgreSQL server, dropped afterwards."""
    import psycopg

    parts = urlsplit(server_url())
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


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


def warm(url):
    for query in QUERIES:
        for _ in range(20):
            urllib.request.urlopen(url + query, timeout=5).read()  # noqa: S310


def main():
    ensure_wrk()
    with (
        fresh_database(f"{DATABASE}_100") as small_db,
        fresh_database(f"{DATABASE}_10000") as large_db,
    ):
        envs = {}
        for size, database_url in ((100, small_db), (10_000, large_db)):
            envs[size] = {**production_env(free_port()), "DATABASE_URL": database_url}
            prepare(envs[size])
            shell(envs[size], FILL.format(total=size))
        plan = shell(envs[10_000], PLAN)
        # Both servers stay up and are measured in turn, three times, keeping each one's best: the
        # machine is shared, so the load of the moment should not decide the figure.
        best = {}
        with gunicorn(envs[100]) as small_url, gunicorn(envs[10_000]) as large_url:
            warm(small_url)
            warm(large_url)
            for _round in range(3):
                for query in QUERIES:
                    for size, url in ((100, small_url), (10_000, large_url)):
                        rate = requests_per_second(url + query)
                        best[size, query] = max(rate, best.get((size, query), 0))
    for query in QUERIES:
        small, large = best[100, query], best[10_000, query]
        ratio = small / large
        print(f"      {query}: {small:.0f} req/s over 100 topics, {large:.0f} over 10,000")
        record(f"search time, 10,000 topics / 100 ({query})", f"{ratio:.2f}x", "<= 2x", ratio <= 2)
    print("      " + plan.strip().replace("\n", "\n      "))
    uses_index = "portal_helptopic_search_en" in plan and "Seq Scan" not in plan
    record("search over 10,000 topics reads the GIN index", uses_index, "True", uses_index)
    finish()


if __name__ == "__main__":
    main()
