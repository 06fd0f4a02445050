#!/usr/bin/env python
"""Foundation figures: sign-in page throughput against a bare view, and its page weight.

Serves the production settings with gunicorn (2 workers) on loopback; prints each figure, its
target and PASS/FAIL; exits 1 if any misses.
"""

import shutil
import urllib.request

from benchlib import (
    ensure_wrk,
    finish,
    free_port,
    gunicorn,
    prepare,
    production_env,
    record,
    requests_per_second,
)


def bench_signin_throughput(url):
    """Issue 2: the sign-in page at least 0.5x the bare view's requests per second."""
    bare_url, signin_url = url + "/healthz", url + "/en/sign-in/"
    for target in (bare_url, signin_url):  # warm both workers' caches
        for _ in range(20):
            urllib.request.urlopen(target, timeout=5).read()
    bare = requests_per_second(bare_url)
    signin = requests_per_second(signin_url)
    ratio = signin / bare
    print(f"      bare view: {bare:.0f} req/s; sign-in page: {signin:.0f} req/s")
    record("sign-in page / bare view", f"{ratio:.2f}x", ">= 0.5x", ratio >= 0.5)


def bench_page_weight(url):
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
    record("sign-in page requests", len(responses), "<= 6", len(responses) <= 6)
    record("sign-in page weight", f"{size / 1024:.1f} KB", "<= 60 KB", size <= 60 * 1024)


def main():
    ensure_wrk()
    env = production_env(free_port())
    prepare(env)
    with gunicorn(env) as url:
        bench_signin_throughput(url)
        bench_page_weight(url)
    finish()


if __name__ == "__main__":
    main()
