"""Demonstration customers of the fictional banks and the portal's client registration.

`manage.py seed_demo` (DEBUG only) calls `load()`.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils import translation

from partner_stub.models import ClientRegistration, Customer

CUSTOMERS = [
    ("maple", "jordan.lee", "Sunrise-2026", "Jordan Lee"),
    ("maple", "camille.roy", "Harbour-2026", "Camille Roy"),
    ("northern", "taylor.b", "Aurora-2026", "Taylor Bouchard"),
    ("prairie", "morgan.w", "Wheat-2026", "Morgan Wong"),
]


def callback_urls(base_url, provider_id):
    """The portal's callback in each language, as the broker must know them."""
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            path = reverse("openid_connect_callback", kwargs={"provider_id": provider_id})
        urls.append(base_url.rstrip("/") + path)
    return urls


def client_register(*, client_id, client_secret, redirect_uris, name="IRCC secure account"):
    client, _created = ClientRegistration.objects.update_or_create(
        client_id=client_id,
        defaults={
            "client_secret": client_secret,
            "name": name,
            "redirect_uris": "\n".join(redirect_uris),
        },
    )
    return client


def load():
    for bank, username, password, name in CUSTOMERS:
        Customer.objects.update_or_create(
            bank=bank,
            username=username,
            defaults={
                "password": make_password(password),
                "demo_password": password,
                "display_name": name,
            },
        )
    # In development the portal and the stub share one server: the portal is where the stub is.
    server = urlsplit(settings.PARTNER_OIDC_SERVER_URL)
    hosts = [server.netloc]
    if server.hostname == "127.0.0.1":
        hosts.append(server.netloc.replace("127.0.0.1", "localhost"))
    redirect_uris = []
    for host in hosts:
        base_url = f"{server.scheme}://{host}"
        redirect_uris += callback_urls(base_url, settings.PARTNER_OIDC_PROVIDER_ID)
    client_register(
        client_id=settings.PARTNER_OIDC_CLIENT_ID,
        client_secret=settings.PARTNER_OIDC_SECRET,
        redirect_uris=redirect_uris,
    )
    return f"{len(CUSTOMERS)} demo bank customers and the portal's client registration"
