import pytest
from django.core.management import CommandError, call_command

from portal.models import Notice

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    first = {(n.slug, n.body_en, n.body_fr) for n in Notice.objects.all()}
    call_command("seed_demo", stdout=None)
    assert {(n.slug, n.body_en, n.body_fr) for n in Notice.objects.all()} == first
    assert len(first) >= 2
    assert all(body_fr for _slug, _en, body_fr in first)


def test_seed_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not Notice.objects.exists()


def test_seeded_notices_appear_on_the_sign_in_page(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False
    html = client.get("/fr/ouvrir-session/").content.decode()
    assert "Données biométriques et examens médicaux" in html


def test_seed_demo_creates_the_published_demo_accounts(client, settings):
    import pyotp

    from accounts.demo import DEMO_ACCOUNTS

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    settings.DEBUG = False
    for account in DEMO_ACCOUNTS:
        response = client.post(
            "/en/account/sign-in/", {"login": account["username"], "password": account["password"]}
        )
        assert response["Location"] == "/en/account/two-step/verify/"
        code = pyotp.TOTP(account["totp_secret"]).now()
        response = client.post("/en/account/two-step/verify/", {"code": code})
        assert response.status_code == 302, account["username"]
        client.post("/en/account/sign-out/")
