"""Either credential can be added from the security settings, and removed, but never the last."""

from allauth.socialaccount.models import SocialAccount

from accounts.models import SecurityEvent, User
from tests.factories import UserFactory
from tests.partner.conftest import PORTAL, partner_sign_in, path_of, query

Kind = SecurityEvent.Kind


def partner_user(browser_client):
    partner_sign_in(browser_client)
    user = User.objects.get(username__startswith="partner_")
    user.given_names, user.family_name = "Jordan", "Lee"
    user.profile_completed_at = user.date_joined
    user.save()
    return user


def kinds(user):
    return set(user.security_events.values_list("kind", flat=True))


def test_a_gckey_account_adds_a_sign_in_partner(broker, customer, browser_client):
    user = UserFactory(username="alextremblay", totp_secret="A2RDWP24JXCMROBGZ5TBTQPJPPTPCEKS")
    browser_client.force_login(user)
    page = browser_client.get("/en/account/security/").content.decode()
    assert "Add a Sign-In Partner" in page
    response = browser_client.post("/en/sign-in/partner/", {"process": "connect"})
    authorize = response["Location"]
    assert query(authorize)["redirect_uri"] == f"{PORTAL}/en/account/partner/partner/return/"
    from tests.partner.conftest import sign_in_at_bank, to_bank

    consent = sign_in_at_bank(browser_client, to_bank(browser_client, authorize))
    back = browser_client.post(consent["Location"], {"allow": "1"})["Location"]
    response = browser_client.get(path_of(back))
    assert response["Location"] == "/en/account/security/"
    assert SocialAccount.objects.get().user == user
    assert Kind.PARTNER_ADDED in kinds(user)
    page = browser_client.get("/en/account/security/").content.decode()
    assert "Remove Sign-In Partner" in page
    assert "Remove GCKey username and password" in page


def test_a_partner_account_adds_gckey_with_the_gckey_rules(broker, customer, browser_client):
    user = partner_user(browser_client)
    page = browser_client.get("/en/account/security/").content.decode()
    assert "Remove Sign-In Partner" not in page  # the only credential
    assert "Add a GCKey username and password" in page
    bad = browser_client.post(
        "/en/account/security/gckey/add/",
        {"username": "ab", "password1": "short", "password2": "short"},
    )
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "8 to 16 characters long" in text
    response = browser_client.post(
        "/en/account/security/gckey/add/",
        {"username": "JordanLee", "password1": "Xylo2026abc", "password2": "Xylo2026abc"},
    )
    assert response["Location"] == "/en/account/security/"
    user.refresh_from_db()
    assert user.username == "jordanlee"
    assert user.check_password("Xylo2026abc")
    assert Kind.GCKEY_ADDED in kinds(user)


def test_a_taken_gckey_username_is_refused(broker, customer, browser_client):
    UserFactory(username="jordanlee")
    partner_user(browser_client)
    response = browser_client.post(
        "/en/account/security/gckey/add/",
        {"username": "JORDANLEE", "password1": "Xylo2026abc", "password2": "Xylo2026abc"},
    )
    assert "This username is taken" in response.content.decode()


def test_either_can_go_but_never_the_last(broker, customer, browser_client):
    user = partner_user(browser_client)
    # Only the partner: it cannot be removed.
    account = SocialAccount.objects.get()
    browser_client.post("/en/account/security/partner/remove/", {"account": account.pk})
    assert SocialAccount.objects.filter(pk=account.pk).exists()
    # With GCKey too, the partner can go, and then GCKey is the last one.
    browser_client.post(
        "/en/account/security/gckey/add/",
        {"username": "jordanlee", "password1": "Xylo2026abc", "password2": "Xylo2026abc"},
    )
    browser_client.post("/en/account/security/partner/remove/", {"account": account.pk})
    assert not SocialAccount.objects.exists()
    assert Kind.PARTNER_REMOVED in kinds(user)
    browser_client.post("/en/account/security/gckey/remove/")
    user.refresh_from_db()
    assert user.has_usable_password()


def test_gckey_can_go_while_a_partner_remains(broker, customer, browser_client):
    user = partner_user(browser_client)
    browser_client.post(
        "/en/account/security/gckey/add/",
        {"username": "jordanlee", "password1": "Xylo2026abc", "password2": "Xylo2026abc"},
    )
    browser_client.post("/en/account/security/gckey/remove/")
    user.refresh_from_db()
    assert not user.has_usable_password()
    assert user.username.startswith("partner_")
    assert Kind.GCKEY_REMOVED in kinds(user)
    # The partner still signs in to the same account.
    browser_client.post("/en/account/sign-out/")
    partner_sign_in(browser_client)
    assert int(browser_client.session["_auth_user_id"]) == user.pk
