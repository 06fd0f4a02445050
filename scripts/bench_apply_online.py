#!/usr/bin/env python
"""Apply-online figures (issue "Apply online"), on PostgreSQL + Redis of the bench's own:

- saving a step runs the same number of queries with 1 or 30 documents on the draft, and its
  median time with 30 is within 1.5x of that with 1 (HTTP posts to gunicorn, alternating rounds);
- account home runs the same number of queries with 20 drafts and 200 applications as with 1;
- 50 concurrent submissions of 50 drafts plus 50 replayed posts: exactly 50 applications, no 5xx;
- a 4 MB upload (PDF, JPEG) raises a worker's peak memory by at most ~2x its size: real posts
  to a one-worker gunicorn, whose peak resident size is reset through /proc/<pid>/clear_refs
  before each post and read after (Linux). The rebuilding itself runs in a child process
  (portal/untrusted.py); its peak is printed beside the worker's figure, not hidden.
"""

import random
import secrets
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from benchlib import (
    BASE_DIR,
    PYTHON,
    ROUNDS,
    alternate,
    backend,
    bench_env,
    finish,
    gunicorn,
    prepare,
    record,
    setup_django,
)

SUBMISSIONS = 50
CSRF = secrets.token_hex(16)  # an unmasked 32-character secret, as the csrftoken cookie holds


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def post(url, data, cookie):
    body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": CSRF}).encode()
    request = urllib.request.Request(
        url, data=body, headers={"Cookie": f"{cookie}; csrftoken={CSRF}"}, method="POST"
    )
    try:
        with OPENER.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
        return error.code


def median_post_seconds(url, data, cookie, samples=30):
    timings = []
    for _ in range(samples):
        started = time.perf_counter()
        status = post(url, data, cookie)
        timings.append(time.perf_counter() - started)
        if status != 302:
            raise RuntimeError(f"{url} answered {status}")
    return statistics.median(timings)


def applicant(username):
    from allauth.mfa.totp.internal.auth import TOTP
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from accounts.models import User
    from applications.models import Application

    # A database kept between runs (PostgreSQL) starts from the same point each time.
    Application.objects.filter(account__username=username).delete()
    User.objects.filter(username=username).delete()
    user = User.objects.create(
        username=username,
        email=f"{username}@example.com",
        given_names="Marie Ève",
        family_name="Côté-O’Brien",
        date_of_birth=date(1990, 4, 2),
        preferred_language="en",
        profile_completed_at=timezone.now(),
    )
    TOTP.activate(user, "A2RDWP24JXCMROBGZ5TBTQPJPPTPCEKS")
    client = Client(HTTP_HOST="127.0.0.1")  # an allowed host, as the server's requests have
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return user, client, f"{name}={client.cookies[name].value}"


def bench_type():
    """A type of 1 section and 30 checklist items (not offered to applicants)."""
    import json

    from applications.models import ApplicationType
    from apply_online.demo import FIXTURE, forms_load

    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    item = {"name": {"en": "Page", "fr": "Page"}, "required": False}
    data["types"] = [
        {
            "code": "bench-online",
            "name": {"en": "Bench", "fr": "Banc d’essai"},
            "fee": "0.00",
            "letter": "B",
            "sections": ["personal"],
            "checklist": [{**item, "code": f"page-{n}"} for n in range(30)],
        }
    ]
    forms_load(data)
    ApplicationType.objects.filter(code="bench-online").update(online=False)
    return ApplicationType.objects.get(code="bench-online")


def png():
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def draft_with_documents(user, application_type, count):
    from django.core.files.base import ContentFile

    from apply_online.models import ChecklistItem
    from apply_online.services import document_attach, draft_start

    draft = draft_start(user=user, application_type=application_type)
    for item in ChecklistItem.objects.filter(type=application_type).order_by("position")[:count]:
        document_attach(
            draft_id=draft.pk,
            user=user,
            item=item,
            content=ContentFile(png()),
            mime="image/png",
            name="p.png",
        )
    return draft


PERSONAL = {
    "family_name": "Côté-O’Brien",
    "given_names": "Marie Ève",
    "date_of_birth": "1990-04-02",
    "sex": "f",
    "country_of_birth": "France",
    "citizenship": "France",
    "continue": "",
}


def query_count(client, method, url, data=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    getattr(client, method)(url, data)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data)
    if response.status_code not in (200, 302) or "sign-in" in response.get("Location", ""):
        raise RuntimeError(f"{url} answered {response.status_code}: not the page measured")
    return len(queries)


def step_figures(url_base, env):
    from django.urls import reverse

    application_type = bench_type()
    one_user, one_client, one_cookie = applicant("benchapply1")
    many_user, many_client, many_cookie = applicant("benchapply30")
    one = draft_with_documents(one_user, application_type, 1)
    many = draft_with_documents(many_user, application_type, 30)
    one_url = reverse("draft_step", args=[one.pk, 1])
    many_url = reverse("draft_step", args=[many.pk, 1])
    queries = (
        query_count(one_client, "post", one_url, PERSONAL),
        query_count(many_client, "post", many_url, PERSONAL),
    )
    record(
        "saving a step, queries with 1 vs 30 documents",
        f"{queries[0]} vs {queries[1]}",
        "the same",
        queries[0] == queries[1],
        on=backend(env),
    )
    print("      saving a step, median of 30 posts, 1 document vs 30:")
    alternate(
        "saving a step, 30 vs 1 document",
        lambda: median_post_seconds(url_base + one_url, PERSONAL, one_cookie),
        lambda: median_post_seconds(url_base + many_url, PERSONAL, many_cookie),
        ratio=lambda small, large: large / small,
        target="<= 1.5x",
        passes=lambda ratio: ratio <= 1.5,
        show=lambda seconds: f"{seconds * 1000:.1f} ms",
        on=backend(env),
    )


def home_figure(env):
    from applications.models import Application, ApplicationType
    from apply_online.services import draft_start

    transit = ApplicationType.objects.get(code="transit-visa")
    Application.objects.filter(number__startswith="H").delete()  # an earlier run's
    counts = []
    for username, drafts, applications in (("benchhome1", 1, 1), ("benchhome200", 20, 200)):
        user, client, _cookie = applicant(username)
        for _ in range(drafts):
            draft_start(user=user, application_type=transit)
        Application.objects.bulk_create(
            Application(
                number=f"H{(1 if drafts == 1 else 1000) + index:09d}",
                uci="12345678",
                type=transit,
                received_on=date(2026, 1, 1),
                family_name="Côté",
                given_names="Marie",
                date_of_birth=date(1990, 1, 1),
                account=user,
            )
            for index in range(applications)
        )
        counts.append(query_count(client, "get", "/en/account/"))
    record(
        "account home, queries with 1 draft + 1 application vs 20 + 200",
        f"{counts[0]} vs {counts[1]}",
        "the same",
        counts[0] == counts[1],
        on=backend(env),
    )


def submissions_figure(url_base, env):
    from django.core.files.base import ContentFile
    from django.urls import reverse

    from applications.models import Application, ApplicationType
    from apply_online.models import ChecklistItem, Draft
    from apply_online.services import document_attach, draft_section_save, draft_start

    transit = ApplicationType.objects.get(code="transit-visa")
    sections = {
        1: {k: v for k, v in PERSONAL.items() if k != "continue"},
        2: {
            "passport_number": "AB123456",
            "passport_country": "France",
            "passport_issued": "2020-01-15",
            "passport_expiry": "2033-01-14",
        },
        3: {"email": "m@example.com", "phone": "+33 1 23 45 67 89", "address": "Paris"},
        4: {"arrival_date": "2030-06-01", "connecting_flight": "AC870", "destination": "Mexique"},
        5: {"criminal_record": "no", "refused_before": "no", "refused_details": ""},
    }
    items = list(ChecklistItem.objects.filter(type=transit, required=True, when_question=""))
    posts = []
    users = []
    for index in range(SUBMISSIONS):
        user, _client, cookie = applicant(f"benchsubmit{index:02d}")
        users.append(user)
        draft = draft_start(user=user, application_type=transit)
        for position, typed in sections.items():
            draft_section_save(
                draft_id=draft.pk, user=user, position=position, typed=typed, complete=True
            )
        for item in items:
            document_attach(
                draft_id=draft.pk,
                user=user,
                item=item,
                content=ContentFile(png()),
                mime="image/png",
                name="p.png",
            )
        url = url_base + reverse("draft_review", args=[draft.pk])
        data = {"full_name": "Marie Ève Côté-O’Brien", "agree": "on"}
        posts += [(url, data, cookie), (url, data, cookie)]  # each draft posted twice
    random.shuffle(posts)
    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(lambda p: post(*p), posts))
    made = Application.objects.filter(account__in=users).count()
    submitted = Draft.objects.filter(account__in=users, state=Draft.State.SUBMITTED).count()
    errors = sum(status >= 500 for status in statuses)
    record(
        f"{SUBMISSIONS} concurrent submissions + {SUBMISSIONS} replays",
        f"{made} applications, {submitted} drafts submitted, {errors} 5xx "
        f"(answers: {sorted(set(statuses))})",
        f"{SUBMISSIONS} applications, 0 5xx",
        made == SUBMISSIONS and submitted == SUBMISSIONS and errors == 0,
        on=backend(env),
    )


def worker_status(pid, field):
    with open(f"/proc/{pid}/status") as lines:
        return next(int(row.split()[1]) * 1024 for row in lines if row.startswith(field + ":"))


def upload_post(url, cookie, item, path, mime):
    """A browser's upload of ``path`` to the documents page: one multipart post."""
    boundary = secrets.token_hex(16)
    fields = [("csrfmiddlewaretoken", CSRF), ("item", item)]
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields
    )
    body += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{item}-files"; '
        f'filename="{path.name}"\r\nContent-Type: {mime}\r\n\r\n'
    ).encode()
    body += path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(
        url,
        data=body,
        headers={
            "Cookie": f"{cookie}; csrftoken={CSRF}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
        method="POST",
    )
    try:
        with OPENER.open(request, timeout=120) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def sample_files(folder):
    import io

    import pikepdf
    from PIL import Image

    target = 4 * 1024 * 1024 - 64 * 1024
    pdf = pikepdf.new()
    pdf.add_blank_page()
    stream = pikepdf.Stream(pdf, random.randbytes(target - 2000))
    pdf.pages[0].Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary())
    pdf.Root.Extra = stream
    pdf.save(folder / "sample.pdf")
    width = 1200
    while True:  # a photo-like JPEG just under 4 MB: noise compresses least
        noise = Image.frombytes(
            "RGB", (width, width * 3 // 4), random.randbytes(width * width * 9 // 4)
        )
        out = io.BytesIO()
        noise.save(out, format="JPEG", quality=92)
        if out.tell() > target:
            break
        best = out.getvalue()
        width += 100
    (folder / "sample.jpg").write_bytes(best)
    return {"pdf": folder / "sample.pdf", "jpg": folder / "sample.jpg"}


def memory_figures(env):
    """Each upload is a real post to a gunicorn worker (one worker, one thread): its peak
    resident size is reset through /proc/<pid>/clear_refs before the post and read after, so
    the figure holds the request's parsing, the check, the rebuild and the storing. Warmed up
    first, so that imports and first-use caches are not counted as the upload's."""
    import tempfile
    from pathlib import Path

    from django.urls import reverse

    from apply_online import selectors
    from apply_online.services import draft_start

    user, _client, cookie = applicant("benchupload")
    draft = draft_start(user=user, application_type=bench_type())
    item = selectors.checklist_for(draft)[0].code
    single = {**env, "WEB_CONCURRENCY": "1", "WEB_THREADS": "1"}
    processes = []
    with tempfile.TemporaryDirectory() as folder:
        files = sample_files(Path(folder))
        with gunicorn(single, started=processes.append) as url:
            master = processes[0].pid
            with open(f"/proc/{master}/task/{master}/children") as children:
                worker = int(children.read().split()[0])
            target = url + reverse("draft_documents", args=[draft.pk])
            mimes = {"pdf": "application/pdf", "jpg": "image/jpeg"}
            for kind, path in files.items():  # warm-up
                for _ in range(2):
                    upload_post(target, cookie, item, path, mimes[kind])
            ratios = {kind: [] for kind in files}
            for _ in range(ROUNDS):
                for kind, path in files.items():  # alternating kinds
                    with open(f"/proc/{worker}/clear_refs", "w") as refs:
                        refs.write("5")  # the peak (VmHWM) starts again from what is resident
                    before = worker_status(worker, "VmRSS")
                    answer = upload_post(target, cookie, item, path, mimes[kind])
                    if answer != 302:
                        raise RuntimeError(f"the upload answered {answer}")
                    grown = worker_status(worker, "VmHWM") - before
                    ratios[kind].append(grown / path.stat().st_size)
        for kind, path in files.items():
            size = path.stat().st_size
            middle = statistics.median(ratios[kind])
            record(
                f"a {size / 1024 / 1024:.1f} MB {kind.upper()} upload: worker memory grown by",
                f"{middle:.2f}x its size (median of {ROUNDS}; "
                f"{min(ratios[kind]):.2f}–{max(ratios[kind]):.2f}x)",
                "<= ~2x",
                middle <= 2.2,
                on=backend(env),
            )
    child_figures(env)


CHILD_PROBE = r"""
import os, resource, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
import django; django.setup()
from django.core.files.uploadedfile import TemporaryUploadedFile
from portal.uploads import document_prepare
kind, path = sys.argv[1], sys.argv[2]
upload = TemporaryUploadedFile("upload." + kind, "application/octet-stream", 0, None)
with open(path, "rb") as source:
    upload.write(source.read())
upload.seek(0)
document_prepare([upload])
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
"""


def child_figures(env):
    """Not hidden: the peak of the short-lived process that rebuilds the file (its pixels, for
    a photo), returned to the system at its exit."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        for kind, path in sample_files(Path(folder)).items():
            peaks = []
            for _ in range(ROUNDS):
                output = subprocess.run(
                    [PYTHON, "-c", CHILD_PROBE, kind, str(path)],
                    cwd=BASE_DIR,
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                peaks.append(int(output) / 1024 / 1024)
            print(
                f"      the rebuilding process for the {kind.upper()}: peak resident size "
                f"{statistics.median(peaks):.0f} MB (median of {ROUNDS}; "
                f"{min(peaks):.0f}–{max(peaks):.0f} MB), returned at its exit"
            )


def main():
    env = bench_env("apply_online")
    prepare(env)
    setup_django(env)
    home_figure(env)
    with gunicorn(env) as url:
        step_figures(url, env)
        submissions_figure(url, env)
    memory_figures(env)
    finish()


if __name__ == "__main__":
    sys.exit(main())
