#!/usr/bin/env python
"""Search figure: the results page over 10,000 help topics within 2x its time over 100.

PostgreSQL full-text search is what is measured, so this runs on two databases of its own (100
and 10,000 topics), made afresh on the PostgreSQL server of BENCH_POSTGRES_URL (default the
local one) and dropped at the end, with the benches' Redis. Serves the production settings with
gunicorn (2 workers each) on loopback, both servers side by side, measured in alternating rounds
(100, 10,000, 100, ...). Searched: a rare word in each language, and a common word in each,
present in most topics (so that ranking and the count cover nearly every topic). Prints each
figure, its target and PASS/FAIL; exits 1 if any misses.
"""

import subprocess
import urllib.request
from contextlib import contextmanager

from benchlib import (
    BASE_DIR,
    PYTHON,
    REDIS,
    alternate,
    backend,
    ensure_wrk,
    finish,
    flush_redis,
    free_port,
    gunicorn,
    prepare,
    production_env,
    record,
    requests_per_second,
    server_root,
)

DATABASE = "portal_bench_search"  # _100 and _10000
RARE = ["/en/search/?q=password", "/fr/recherche/?q=cle"]
# In nearly every filler topic (see FILL) and in most of the demo ones.
COMMON = ["/en/search/?q=account", "/fr/recherche/?q=compte"]
QUERIES = RARE + COMMON

# Adds filler topics up to a total; their words are common ones of the portal's topics and
# made-up ones. The rare words searched for are never among them, so that the index, not a scan,
# must find those; each common word is in nearly every topic (at about 3 in 10 words, over the
# 68 words of a topic's text in each language, one of 12 common words).
FILL = """
import random
from helpcentre.models import HelpTopic
target = {total}
have = HelpTopic.objects.count()
rng = random.Random(have)
common = {{
    "en": "account application sign online bank status message form page code time help".split(),
    "fr": "compte demande connexion ligne banque statut message formulaire page code temps"
    " aide".split(),
}}
syllables = [a + b for a in "bdfgkmnprstvz" for b in "aeiou"]
def words(n, language):
    made = (rng.choice(syllables) + rng.choice(syllables) + rng.choice(syllables) for _ in range(n))
    return [w if rng.random() < 0.7 else rng.choice(common[language]) for w in made]
def topic(i):
    question_en, question_fr = " ".join(words(8, "en")), " ".join(words(8, "fr"))
    answer_en, answer_fr = " ".join(words(60, "en")), " ".join(words(60, "fr"))
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

# How many topics each common word is in: "most topics" is checked, not assumed.
HAVING = """
from django.db.models import Q
from helpcentre.models import HelpTopic
topics = HelpTopic.objects.all()
def having(word, language):
    return topics.filter(
        Q(**{f"question_{language}__icontains": word})
        | Q(**{f"answer_text_{language}__icontains": word})
    ).count()
print(having("account", "en"), having("compte", "fr"), topics.count())
"""

PLAN = """
from helpcentre.search import _topics_postgres
print(_topics_postgres("password", ["password"], "en").explain())
"""


@contextmanager
def fresh_database(name):
    """A new, empty database on the PostgreSQL server, dropped afterwards."""
    import psycopg

    admin_url = f"{server_root()}/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{server_root()}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def shell(env, code):
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
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
    flush_redis(REDIS)
    with (
        fresh_database(f"{DATABASE}_100") as small_db,
        fresh_database(f"{DATABASE}_10000") as large_db,
    ):
        envs = {}
        for size, database_url in ((100, small_db), (10_000, large_db)):
            envs[size] = {
                **production_env(free_port()),
                "DATABASE_URL": database_url,
                "REDIS_URL": REDIS,
                "CACHE_KEY_PREFIX": f"bench-search-{size}",
            }
            prepare(envs[size])
            shell(envs[size], FILL.format(total=size))
        on = backend(envs[100])
        for size in envs:
            english, french, total = shell(envs[size], HAVING).split()
            print(f"      {total} topics: {english} with 'account', {french} with 'compte'")
        plan = shell(envs[10_000], PLAN)
        # Both servers stay up and are measured in turn, round after round.
        with gunicorn(envs[100]) as small_url, gunicorn(envs[10_000]) as large_url:
            warm(small_url)
            warm(large_url)
            for query in QUERIES:
                print(f"      {query}, requests per second over 100 topics vs over 10,000:")
                alternate(
                    f"search time, 10,000 topics / 100 ({query})",
                    lambda query=query: requests_per_second(small_url + query),
                    lambda query=query: requests_per_second(large_url + query),
                    ratio=lambda small, large: small / large,
                    target="<= 2x",
                    passes=lambda ratio: ratio <= 2,
                    show=lambda rate: f"{rate:.0f} req/s",
                    on=on,
                )
    print("      " + plan.strip().replace("\n", "\n      "))
    uses_index = "portal_helptopic_search_en" in plan and "Seq Scan" not in plan
    record("search over 10,000 topics reads the GIN index", uses_index, "True", uses_index, on=on)
    finish()


if __name__ == "__main__":
    main()
