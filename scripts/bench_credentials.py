#!/usr/bin/env python
"""Credentials figure: a GCKey sign-in POST with the right password costs at most 1.3x the
Argon2 password check alone, measured in the same run.

Serves the production settings with gunicorn (2 workers) on loopback; signs in as the demo
applicant (the POST answers with the two-step verification step); prints both medians.
"""

import http.cookiejar
import os
import re
import statistics
import time
import urllib.parse
import urllib.request

from benchlib import finish, free_port, gunicorn, prepare, production_env, record, setup_django

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


def argon2_check_seconds(env):
    """The password check alone, with the same settings, in this process."""
    setup_django(env)
    from django.contrib.auth.hashers import check_password, make_password

    encoded = make_password(PASSWORD)
    samples = []
    for _ in range(SAMPLES):
        started = time.perf_counter()
        assert check_password(PASSWORD, encoded)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main():
    env = production_env(free_port())
    prepare(env)
    with gunicorn(env) as url:
        sign_in_seconds(url)  # warm up
        posts = statistics.median(sign_in_seconds(url) for _ in range(SAMPLES))
    check = argon2_check_seconds(env)
    ratio = posts / check
    print(f"      Argon2 check alone: {check * 1000:.1f} ms; sign-in POST: {posts * 1000:.1f} ms")
    record("sign-in POST / Argon2 check", f"{ratio:.2f}x", "<= 1.3x", ratio <= 1.3)
    finish()


if __name__ == "__main__":
    main()
