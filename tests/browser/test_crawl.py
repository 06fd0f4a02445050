"""The parity crawl: every named URL, as each demo role, in both languages, in Chromium.

Each page must have no axe violation (WCAG 2.0/2.1/2.2 A and AA tags), no sideways scrolling at
320 px, `<html lang>` of its URL's language, no text of the other language, a language toggle
that leads to the same page, and (in French) a title that is written and not the English one.
One test per role collects every problem of every page, so a failure lists them all.
"""

import re
import time
from datetime import date
from types import SimpleNamespace

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY as AUTHENTICATION_USER_SESSION_KEY,
)
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from accounts.services import not_me_token
from tests import crawl
from tests.webauthn_credential import registration_response

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}
LANGUAGES = ["en", "fr"]

# Words of one language that have no business on a page of the other. Text marked with another
# `lang` (the toggle, quoted data) or with `translate="no"` (usernames, codes) is not read.
ENGLISH_ONLY = {
    "the", "and", "your", "you", "with", "from", "this", "that", "are", "is", "of", "for",
    "sign", "signed", "password", "username", "email", "e-mail", "submit", "search", "please",
    "continue", "cancel", "save", "delete", "change", "next", "previous", "yes", "view", "add",
    "remove", "name", "recipient", "used", "show", "hide", "back", "select", "all", "home",
    "help", "account", "settings", "history", "filter", "by", "spam", "sent", "new",
}  # fmt: skip
FRENCH_ONLY = {
    "le", "la", "les", "des", "du", "vous", "votre", "vos", "et", "avec", "pour", "courriel",
    "mot", "passe", "demande", "compte", "est", "une", "dans", "sur", "aux", "être", "à",
}  # fmt: skip
# Stock wording that is French but not the Government of Canada's.
NOT_GC_FRENCH = ["pseudo", "e-mail", "compte social", "déconnecté", "se déconnecter"]
# Words that are both English and French, or names.
ALLOWED: set[str] = set()  # none yet: each addition needs a reason beside it

TEXTS_JS = """() => {
  const pageLanguage = document.documentElement.lang;
  const out = [];
  const skip = 'script,style,template,textarea,[translate="no"]';
  const keep = (el, text) => {
    if (!text || !text.trim() || el.closest(skip)) return;
    const marked = el.closest('[lang]');
    if (marked && marked.getAttribute('lang').split('-')[0] !== pageLanguage) return;
    out.push(text.trim());
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) keep(walker.currentNode.parentElement, walker.currentNode.data);
  for (const el of document.querySelectorAll('[aria-label],[alt],[placeholder],[title]')) {
    for (const name of ['aria-label', 'alt', 'placeholder', 'title']) {
      if (el.hasAttribute(name)) keep(el, el.getAttribute(name));
    }
  }
  for (const el of document.querySelectorAll('input[type=submit],input[type=button]')) {
    keep(el, el.value);
  }
  return out;
}"""
WORD = re.compile(r"[\w’'-]+", re.UNICODE)


def wrong_language_words(texts, language):
    """{word: the first text it was found in} for each word of the other language."""
    forbidden = ENGLISH_ONLY if language == "fr" else FRENCH_ONLY
    found = {}
    for text in texts:
        words = {word.lower().strip("’'-") for word in WORD.findall(text)}
        hits = (words & forbidden) - ALLOWED
        if language == "fr":
            hits |= {phrase for phrase in NOT_GC_FRENCH if phrase in text.lower()}
        for hit in hits:
            found.setdefault(hit, text[:80])
    return found


@pytest.fixture
def demo(transactional_db, settings):
    """The demonstration data, as `make run` loads it, and the objects the URLs need."""
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False
    from applications.models import Application
    from helpcentre.models import HelpTopic

    users = {
        role: get_user_model().objects.get(username=username)
        for role, username in crawl.ROLE_USERNAMES.items()
    }
    users[crawl.NEW_GCKEY] = get_user_model().objects.create_user(
        username="crawlnewkey",
        password="Crawl2026Key",
        email="crawl@example.com",
        given_names="Dominique",
        family_name="Côté",
        date_of_birth=date(1992, 7, 1),
        preferred_language="en",
        profile_completed_at=timezone.now(),
    )
    _admin_objects(users)
    application = (
        Application.objects.filter(account=users[crawl.APPLICANT], messages__isnull=False)
        .order_by("number")
        .first()
    )
    applicant = users[crawl.APPLICANT]
    webauthn = Authenticator.objects.create(
        user=applicant,
        type=Authenticator.Type.WEBAUTHN,
        data={"name": "Clé de Dominique", "credential": registration_response()},
    )
    from apply_online.models import Draft
    from document_requests.models import DocumentRequest
    from payments.models import Payment

    return SimpleNamespace(
        document_request=DocumentRequest.objects.filter(
            application__account=applicant, state__in=DocumentRequest.OPEN
        ).first(),
        draft=Draft.objects.filter(account=applicant, state=Draft.State.DRAFT).first(),
        payment=Payment.objects.filter(account=applicant, status=Payment.Status.PAID).first(),
        webauthn=webauthn,
        users=users,
        application=application,
        message=application.messages.order_by("pk").first(),
        help_topic=HelpTopic.objects.published("en").published("fr").order_by("pk").first(),
        reset_uidb36=user_pk_to_url_str(applicant),
        not_me_token=not_me_token(user=applicant),
        reset_key=default_token_generator.make_token(applicant),
    )


def _admin_objects(users):
    """One object of each kind the admin lists that the demo data has none of."""
    from django.test import override_settings

    from accounts.models import SecurityEvent
    from portal.mail import email_deliver
    from tests.factories import SupportRequestFactory

    applicant = users[crawl.APPLICANT]
    SecurityEvent.objects.create(user=applicant, kind=SecurityEvent.Kind.SIGNED_IN)
    SupportRequestFactory()
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        email_deliver.enqueue(to=["a@example.com"], subject="Crawl", body="Crawl")
    _submitted_online(applicant)
    _answered_request(applicant)
    _provider_event()


def _provider_event():
    """An event the payment provider sent, as finance staff see it."""
    from payments.models import Payment, WebhookEvent

    WebhookEvent.objects.create(
        event_id="evt_crawl",
        type="checkout.session.completed",
        outcome="paid",
        payment=Payment.objects.first(),
    )


def _answered_request(applicant):
    """A request answered and waiting in the officers' queue."""
    from django.utils import timezone

    from document_requests.models import DocumentKind, DocumentRequest, RequestedItem

    request = DocumentRequest.objects.create(
        application=applicant.applications.order_by("number").first(),
        due_on=timezone.localdate(),
        state=DocumentRequest.State.ANSWERED,
        answered_at=timezone.now(),
        reply="Voici mes documents.",
    )
    RequestedItem.objects.create(request=request, kind=DocumentKind.objects.first())


def _submitted_online(applicant):
    """An application submitted online, for the pages that show what was submitted."""
    from applications.models import ApplicationType
    from apply_online.services import draft_start, draft_submit
    from tests.apply_online.conftest import TRANSIT_ANSWERS, attach, fill

    draft = draft_start(
        user=applicant, application_type=ApplicationType.objects.get(code="transit-visa")
    )
    fill(draft, *TRANSIT_ANSWERS)
    attach(draft, "passport")
    attach(draft, "photo")
    attach(draft, "onward_ticket")
    draft_submit(draft_id=draft.pk, user=applicant, declaration_name="Marie Ève Côté-O’Brien")


def browser_for(browser, live_server, user, *, javascript=True):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
    )
    if user is not None:
        client = Client()
        client.force_login(user)
        # Signed in a moment ago with a password and a code, as the pages behind a fresh
        # sign-in (security keys, recovery codes) expect.
        session = client.session
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": time.time(), "username": user.username},
            {"method": "mfa", "at": time.time(), "type": "totp"},
        ]
        session[AUTHENTICATION_USER_SESSION_KEY] = str(user.pk)
        session.save()
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
    return context


def page_problems(page, response, language, expected_toggle, status=200):
    problems = []
    if response is None or response.status != status:
        problems.append(f"status {response.status if response else 'none'}")
        return problems, ""
    html_lang = page.evaluate("document.documentElement.lang")
    if html_lang != language:
        problems.append(f'<html lang="{html_lang}">')
    results = Axe().run(page, options=AXE_OPTIONS)
    for violation in results.response["violations"]:
        targets = [str(node["target"]) for node in violation["nodes"]][:3]
        problems.append(f"axe {violation['id']}: {', '.join(targets)}")
    page.set_viewport_size({"width": 320, "height": 900})
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    if overflow > 0:
        problems.append(f"{overflow}px of sideways scrolling at 320px")
    words = wrong_language_words(page.evaluate(TEXTS_JS), language)
    if words:
        problems += [f"other-language word {word!r} in {text!r}" for word, text in words.items()]
    toggle = page.locator("header a[hreflang]")
    # On a form step the toggle is a button of the form, so that what was typed is kept.
    form_toggle = page.locator("header button[name=_language]")
    if form_toggle.count() == 1:
        if form_toggle.get_attribute("value") != ("fr" if language == "en" else "en"):
            problems.append("the toggle button does not switch language")
    elif toggle.count() != 1:
        problems.append("no language toggle")
    elif expected_toggle is not None:
        href = toggle.get_attribute("href").split("?")[0]
        if href != expected_toggle:
            problems.append(f"toggle leads to {href}, not {expected_toggle}")
    title = page.title().removesuffix(" - Canada.ca").strip()
    if not title:
        problems.append("empty <title>")
    return problems, title


def run_crawl(browser, live_server, demo, role):
    # tests/portal/test_crawl_list.py fails on a URL with no entry; here, every entry is visited.
    entries, _unlisted, missing = crawl.crawl_plan(demo)
    assert missing == [], f"admin pages with no demo object to show: {missing}"
    entries = [entry for entry in entries if entry.role == role]
    assert entries
    context = browser_for(browser, live_server, demo.users.get(role))
    page = context.new_page()
    report, titles = [], {}
    try:
        for language in LANGUAGES:
            other = "fr" if language == "en" else "en"
            for entry in entries:
                kwargs = entry.kwargs(demo, language) if callable(entry.kwargs) else entry.kwargs
                with translation.override(language):
                    path = reverse(entry.name, kwargs=kwargs or None)
                # The same page in the other language (a help topic's slug is translated too).
                other_kwargs = entry.kwargs(demo, other) if callable(entry.kwargs) else entry.kwargs
                with translation.override(other):
                    expected_toggle = reverse(entry.name, kwargs=other_kwargs or None)
                query = entry.extra.get("query", {}).get(language)
                url = live_server.url + path + (f"?{query}" if query else "")
                response = page.goto(url)
                landed = page.url.removeprefix(live_server.url).split("?")[0]
                if landed != path:
                    expected_toggle = None  # redirected: the toggle belongs to where it landed
                problems, title = page_problems(
                    page, response, language, expected_toggle, entry.status
                )
                key = (entry.name, str(kwargs))
                if language == "en":
                    titles[key] = title
                elif title and title == titles.get(key) and title not in ("Canada.ca",):
                    problems.append(f"French <title> is the English one: {title!r}")
                report += [f"{language} {entry.name} ({landed}): {problem}" for problem in problems]
    finally:
        context.close()
    assert report == [], "\n".join(report)


@pytest.mark.parametrize("role", crawl.ROLES)
def test_crawl(browser, live_server, demo, role):
    run_crawl(browser, live_server, demo, role)
