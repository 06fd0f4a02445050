#!/usr/bin/env python
"""Two app servers on two ports sharing PostgreSQL and Redis (issue 8, "Two app servers").

A session made on one is valid on the other; ten wrong passwords alternated between them lock
the account as one count would. Loopback only; bounded; run by `make soak`.
"""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

import pyotp
from benchlib import (
    finish,
    free_port,
    gunicorn,
    own_services,
    prepare,
    production_env,
    record,
)

DEMO = ("demoapplicant", "Maple2026Leaf", "A2RDWP24JXCMROBGZ5TBTQPJPPTPCEKS")
LOCKED_USER = "demotriage"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def browser():
    jar = http.cookiejar.CookieJar()  # cookies are not per port: both servers get them
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def post_form(opener, url, fields):
    page = opener.open(url, timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
    request = urllib.request.Request(url, data=body, headers={"Referer": url})
    try:
        response = opener.open(request, timeout=30)
        return response.status, response.read().decode(), None
    except urllib.error.HTTPError as answer:
        return answer.code, answer.read().decode(), answer.headers.get("Location")


def main():
    env = production_env(free_port())
    own_services(env, "SOAK", "portal_soak", redis_db=6)
    prepare(env)
    second = {**env, "PORT": str(free_port())}
    with gunicorn(env) as one, gunicorn(second) as two:
        # A session made on server one is valid on server two.
        opener = browser()
        status, _body, location = post_form(
            opener, one + "/en/account/sign-in/", {"login": DEMO[0], "password": DEMO[1]}
        )
        code = pyotp.TOTP(DEMO[2]).now()
        status, _body, location = post_form(opener, one + location, {"code": code})
        home = opener.open(two + "/en/account/", timeout=10)
        record(
            "session made on server one, used on server two",
            home.status,
            "200",
            home.status == 200 and location == "/en/account/",
        )

        # Ten wrong passwords alternated between the servers: one count.
        answers = []
        for attempt in range(10):
            server = (one, two)[attempt % 2]
            _status, body, _location = post_form(
                browser(),
                server + "/en/account/sign-in/",
                {"login": LOCKED_USER, "password": "Wrong2026Pass"},
            )
            answers.append("Too many failed" in body)
        status, body, location = post_form(
            browser(),
            one + "/en/account/sign-in/",
            {"login": LOCKED_USER, "password": "Harbour2026Key"},
        )
        print(f"      attempts refused as too many: {answers}")
        locked = answers == [False] * 5 + [True] * 5 and location is None
        record("10 alternated failures lock the account as one count", locked, "True", locked)
    finish()


if __name__ == "__main__":
    main()
