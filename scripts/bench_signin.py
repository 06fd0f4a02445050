#!/usr/bin/env python
"""Foundation figures: sign-in page throughput against a bare view, and its page weight.

Serves the production settings with gunicorn (2 workers) on loopback, on PostgreSQL and Redis of
its own; the throughputs are measured in alternating rounds (bare view, sign-in page, ...). Prints
each figure, its target and PASS/FAIL; exits 1 if any misses.
"""

import shutil
import urllib.request

from benchlib import (
    alternate,
    backend,
    bench_env,
    ensure_wrk,
    finish,
    gunicorn,
    prepare,
    record,
    requests_per_second,
)


def bench_signin_throughput(url, on):
    """The sign-in page at least 0.6x the bare view's requests per second (median of rounds)."""
    bare_url, signin_url = url + "/healthz", url + "/en/sign-in/"
    for target in (bare_url, signin_url):  # warm both workers' caches
        for _ in range(20):
            urllib.request.urlopen(target, timeout=5).read()
    alternate(
        "sign-in page / bare view (/healthz), requests per second",
        lambda: requests_per_second(bare_url),
        lambda: requests_per_second(signin_url),
        ratio=lambda bare, signin: signin / bare,
        target=">= 0.6x",
        passes=lambda ratio: ratio >= 0.6,
        show=lambda rate: f"{rate:.0f} req/s",
        on=on,
    )


def bench_page_weight(url, on):
    """Issue 2: the sign-in page and all it loads, at most 6 requests and 60 KB uncompressed."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url + "/fr/ouvrir-session/", wait_until="networkidle")
        size = sum(len(response.body()) for response in responses)
        browser.close()
    record("sign-in page requests", len(responses), "<= 6", len(responses) <= 6, on=on)
    record("sign-in page weight", f"{size / 1024:.1f} KB", "<= 60 KB", size <= 60 * 1024, on=on)


def main():
    ensure_wrk()
    env = bench_env("signin")
    prepare(env)
    with gunicorn(env) as url:
        bench_signin_throughput(url, backend(env))
        bench_page_weight(url, backend(env))
    finish()


if __name__ == "__main__":
    main()
