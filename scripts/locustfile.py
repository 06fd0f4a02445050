"""Applicants using the portal, for locust (driven by scripts/soak_load.py).

Each simulated user is one applicant with a GCKey, an authenticator and an application: they
look at the sign-in page, sign in (password, then a code), open their account home and their
application, report a problem now and then, and sign out and in again. Every request is written
to ``LOAD_EVENTS`` (start time, status, milliseconds, page) and every report the portal thanked
them for to ``LOAD_THANKED``, so the driver can count 5xx answers and look for lost reports.

Behind the load balancer each applicant has an address of their own: ``X-Forwarded-For``
carries it (the servers run with ``TRUSTED_PROXY_COUNT=1``).
"""

import itertools
import json
import os
import re
import time
import uuid
from pathlib import Path

import pyotp
from locust import HttpUser, between, events, task

ACCOUNTS = json.loads(Path(os.environ["LOAD_USERS"]).read_text())
_accounts = itertools.cycle(ACCOUNTS)
_events = open(os.environ["LOAD_EVENTS"], "a", buffering=1)  # noqa: SIM115 - for the whole run
_thanked = open(os.environ["LOAD_THANKED"], "a", buffering=1)  # noqa: SIM115
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@events.request.add_listener
def _record(name, response_time, response, start_time=None, **_kwargs):
    status = getattr(response, "status_code", 0) or 0
    _events.write(f"{start_time:.3f} {status} {response_time:.1f} {name}\n")


class Applicant(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.account = next(_accounts)
        self.client.headers["X-Forwarded-For"] = self.account["address"]
        self.used_codes = set()
        self.signed_in = False
        self.sign_in()

    # -- Steps -----------------------------------------------------------------------------------

    def _page(self, path, name, *, expect=(200,)):
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code not in expect:
                r.failure(f"{r.status_code}")
            return r

    def _post(self, path, data, name):
        return self.client.post(
            path,
            data,
            name=name,
            allow_redirects=False,
            headers={"Referer": self.host + path},
        )

    def _token(self, path, name):
        page = self._page(path, name)
        token = CSRF.search(page.text or "") if page.status_code == 200 else None
        return token.group(1) if token else None

    def sign_in(self):
        page = self._page("/en/account/sign-in/", "GCKey sign-in page", expect=(200, 302))
        if page.status_code == 302:  # a sign-in waiting for its code, or a finished one
            verify = page.headers["Location"]
            if verify == "/en/account/":
                self.signed_in = True
                return
        else:
            token = CSRF.search(page.text or "")
            if page.status_code != 200 or not token:
                return
            answer = self._post(
                "/en/account/sign-in/",
                {
                    "csrfmiddlewaretoken": token.group(1),
                    "login": self.account["username"],
                    "password": self.account["password"],
                },
                "GCKey sign-in (password)",
            )
            if answer.status_code != 302:
                return
            verify = answer.headers["Location"]
        totp = pyotp.TOTP(self.account["totp_secret"])
        for _attempt in range(3):
            token = self._token(verify, "GCKey sign-in (code page)")
            if not token:
                return
            # A code is accepted once (an earlier run may have used this one): wait for the
            # next, as a person would.
            while (code := totp.now()) in self.used_codes:
                time.sleep(1)
            answer = self._post(
                verify, {"csrfmiddlewaretoken": token, "code": code}, "GCKey sign-in (code)"
            )
            self.used_codes.add(code)
            if answer.status_code != 200:  # 200: the form again, the code refused
                break
        self.signed_in = answer.status_code == 302 and answer.headers["Location"] == "/en/account/"

    # -- What applicants do ----------------------------------------------------------------------

    @task(4)
    def sign_in_page(self):
        self._page("/en/sign-in/", "sign-in page")

    @task(4)
    def account_home(self):
        if not self.signed_in:
            return self.sign_in()
        self._page("/en/account/", "account home")

    @task(4)
    def application_page(self):
        if not self.signed_in:
            return self.sign_in()
        self._page(f"/en/account/applications/{self.account['application']}/", "application page")

    @task(2)
    def report_a_problem(self):
        marker = f"load {uuid.uuid4().hex}"
        answer = self._post(
            "/en/report-problem/",
            {"categories": ["broken"], "path": "/en/account/", "title": marker},
            "report a problem",
        )
        if answer.status_code == 302 and "feedback=thanks" in answer.headers.get("Location", ""):
            _thanked.write(marker + "\n")

    @task(1)
    def sign_out_and_in(self):
        if self.signed_in:
            page = self._page("/en/account/sign-out/", "sign-out page")
            token = CSRF.search(page.text or "")
            if page.status_code != 200 or not token:
                return
            self._post("/en/account/sign-out/", {"csrfmiddlewaretoken": token.group(1)}, "sign out")
            self.signed_in = False
        self.sign_in()
