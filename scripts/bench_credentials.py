#!/usr/bin/env python
"""Credentials figure: a GCKey sign-in POST with the right password costs at most 1.3x the
Argon2 password check alone, measured in the same run.

Serves the production settings with gunicorn (2 workers) on loopback, on PostgreSQL and Redis of
its own; signs in as the demo applicant (the POST answers with the two-step verification step).
Alternating rounds: the POSTs' median, then the check's median in this process, and again; the
sign-in rate-limit counts (the bench's own Redis) are emptied before each round of POSTs.
"""

import http.cookiejar
import os
import re
import statistics
import time
import urllib.parse
import urllib.request

from benchlib import (
    alternate,
    backend,
    bench_env,
    clear_cache,
    finish,
    gunicorn,
    prepare,
    setup_django,
)

SAMPLES = int(os.environ.get("BENCH_SIGNIN_SAMPLES", "20"))  # under the 30/min/address limit
USERNAME, PASSWORD = "demoapplicant", "Maple2026Leaf"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_in_seconds(url):
    """One timed POST of the sign-in form, from a fresh browser-like session."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    form_url = url + "/en/account/sign-in/"
    page = opener.open(form_url, timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "login": USERNAME, "password": PASSWORD}
    ).encode()
    request = urllib.request.Request(form_url, data=body, headers={"Referer": form_url})
    started = time.perf_counter()
    try:
        opener.open(request, timeout=10)
        raise RuntimeError("the sign-in did not redirect: wrong password or form error")
    except urllib.error.HTTPError as answer:
        elapsed = time.perf_counter() - started
        if answer.code != 302 or "two-step" not in answer.headers["Location"]:
            raise RuntimeError(f"unexpected answer {answer.code}") from None
    return elapsed


def posts_seconds(url, env):
    """Median seconds of SAMPLES sign-in POSTs (under the 30 a minute an address may make)."""
    clear_cache(env)
    return statistics.median(sign_in_seconds(url) for _ in range(SAMPLES))


def argon2_check_seconds(encoded):
    """The password check alone, with the same settings, in this process."""
    from django.contrib.auth.hashers import check_password

    samples = []
    for _ in range(SAMPLES):
        started = time.perf_counter()
        assert check_password(PASSWORD, encoded)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main():
    env = bench_env("credentials")
    prepare(env)
    setup_django(env)
    from django.contrib.auth.hashers import make_password

    encoded = make_password(PASSWORD)
    with gunicorn(env) as url:
        sign_in_seconds(url)  # warm up
        print("      sign-in POST vs Argon2 check alone:")
        alternate(
            "sign-in POST / Argon2 check",
            lambda: posts_seconds(url, env),
            lambda: argon2_check_seconds(encoded),
            ratio=lambda posts, check: posts / check,
            target="<= 1.3x",
            passes=lambda ratio: ratio <= 1.3,
            show=lambda seconds: f"{seconds * 1000:.1f} ms",
            on=backend(env),
        )
    finish()


if __name__ == "__main__":
    main()
