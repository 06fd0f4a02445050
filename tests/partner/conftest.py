import copy
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings as django_settings
from django.test import Client

from partner_stub.demo import callback_urls, client_register
from partner_stub.models import Customer
from tests.partner.broker import transport

PORTAL = "http://127.0.0.1:8000"
CUSTOMER_PASSWORD = "Sunrise-2026"


def use_broker(settings, base_url):
    """Point the portal's partner settings at the stub served at ``base_url``."""
    providers = copy.deepcopy(django_settings.SOCIALACCOUNT_PROVIDERS)
    app = providers["openid_connect"]["APPS"][0]
    app["settings"]["server_url"] = f"{base_url}/partner-stub"
    settings.SOCIALACCOUNT_PROVIDERS = providers
    client_register(
        client_id=app["client_id"],
        client_secret=app["secret"],
        redirect_uris=callback_urls(base_url, app["provider_id"]),
    )


@pytest.fixture
def broker(db, settings):
    """The stub broker, reached in-process by the portal's back channel."""
    settings.SOCIALACCOUNT_ADAPTER = "tests.partner.broker.InProcessAdapter"
    use_broker(settings, PORTAL)
    transport.fail = None
    transport.rewrite = None
    transport.calls.clear()
    yield transport
    transport.fail = None
    transport.rewrite = None


@pytest.fixture
def customer(db):
    from django.contrib.auth.hashers import make_password

    return Customer.objects.create(
        bank="maple",
        username="jordan.lee",
        password=make_password(CUSTOMER_PASSWORD),
        demo_password=CUSTOMER_PASSWORD,
        display_name="Jordan Lee",
    )


@pytest.fixture
def browser_client():
    """The applicant's browser: one cookie jar for the portal and the stub (same host)."""
    return Client(HTTP_HOST="127.0.0.1:8000")


def query(url):
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def start(client, language="en"):
    """Option 2 → the portal's confirmation → POST: the redirect to the broker's authorize."""
    url = "/en/sign-in/partner/" if language == "en" else "/fr/ouvrir-session/partenaire/"
    response = client.post(url)
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def to_bank(client, authorize_url, *, bank="maple"):
    response = client.get(path_of(authorize_url))
    assert response.status_code == 302, response.content[:500]
    choose = response["Location"]
    response = client.post(choose, {"bank": bank})
    assert response.status_code == 302
    return response["Location"]


def sign_in_at_bank(client, bank_url, *, username="jordan.lee", password=CUSTOMER_PASSWORD):
    return client.post(bank_url, {"username": username, "password": password, "sign_in": "1"})


def callback_url_from_broker(client, *, consent=True, language="en", **bank):
    """Run the broker's pages; the URL the broker sends the browser back to."""
    authorize_url = start(client, language)
    bank_url = to_bank(client, authorize_url)
    response = sign_in_at_bank(client, bank_url, **bank)
    assert response.status_code == 302
    if re.search(r"/(consent|consentement)/$", response["Location"]):
        response = client.post(response["Location"], {"allow": "1"} if consent else {})
        assert response.status_code == 302
    return response["Location"]


def partner_sign_in(client, language="en"):
    """The whole round trip; the portal's answer to the callback."""
    return client.get(path_of(callback_url_from_broker(client, language=language)))
