"""The broker's own records: customers, the portal's client registration, codes, tokens, keys.

None of these is a portal user; the broker's customers never sign in to the portal itself.
"""

import secrets
import time
import uuid

from authlib.oauth2.rfc6749 import ClientMixin, TokenMixin
from authlib.oidc.core import AuthorizationCodeMixin
from django.contrib.auth.hashers import check_password
from django.db import models
from django.utils.crypto import constant_time_compare

from partner_stub.banks import BANKS

CODE_SECONDS = 300


def _now():
    return int(time.time())


def _kid():
    return secrets.token_hex(8)


class Customer(models.Model):
    """A customer of one of the demonstration banks."""

    bank = models.CharField(max_length=20, choices=list(BANKS.items()))
    username = models.CharField(max_length=40)
    password = models.CharField(max_length=200)
    # The customers are made up, and their passwords are shown on the bank's page to try it.
    demo_password = models.CharField(max_length=40, blank=True)
    display_name = models.CharField(max_length=100)
    # The stable, random identity from which the pairwise subjects are derived.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bank", "username"], name="stub_customer_unique")
        ]

    def __str__(self):
        return f"{self.display_name} ({self.bank})"

    def check_password(self, raw):
        return check_password(raw, self.password)


class ClientRegistration(models.Model, ClientMixin):
    """A relying party registered with the broker (the portal)."""

    client_id = models.CharField(max_length=100, unique=True)
    client_secret = models.CharField(max_length=200)
    name = models.CharField(max_length=100)
    redirect_uris = models.TextField(help_text="One per line.")

    def __str__(self):
        return self.name

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return None  # every request must name its redirect URI

    def get_allowed_scope(self, scope):
        return "openid" if scope and "openid" in scope.split() else ""

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri in self.redirect_uris.split()

    def check_client_secret(self, client_secret):
        return constant_time_compare(client_secret or "", self.client_secret)

    def check_endpoint_auth_method(self, method, endpoint):
        return method in ("client_secret_post", "client_secret_basic")

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


class Consent(models.Model):
    """A customer agreed once to share their identifier with this client."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    client = models.ForeignKey(ClientRegistration, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["customer", "client"], name="stub_consent_unique")
        ]

    def __str__(self):
        return f"{self.customer} → {self.client}"


class AuthorizationCode(models.Model, AuthorizationCodeMixin):
    code = models.CharField(max_length=120, unique=True)
    client = models.ForeignKey(ClientRegistration, on_delete=models.CASCADE)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    redirect_uri = models.TextField()
    scope = models.TextField(default="openid")
    nonce = models.CharField(max_length=200, blank=True)
    code_challenge = models.CharField(max_length=200)
    code_challenge_method = models.CharField(max_length=10)
    auth_time = models.IntegerField(default=_now)
    # Codes are kept once used so that a second use can be noticed (RFC 6749, 4.1.2).
    used = models.BooleanField(default=False)

    def __str__(self):
        return f"code for {self.client}"

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce or None

    def get_auth_time(self):
        return self.auth_time

    def is_expired(self):
        return time.time() - self.auth_time > CODE_SECONDS


class Token(models.Model, TokenMixin):
    access_token = models.CharField(max_length=255, unique=True)
    client = models.ForeignKey(ClientRegistration, on_delete=models.CASCADE)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    code = models.ForeignKey(AuthorizationCode, null=True, on_delete=models.SET_NULL)
    scope = models.TextField(default="openid")
    issued_at = models.IntegerField(default=_now)
    expires_in = models.IntegerField(default=300)
    revoked = models.BooleanField(default=False)

    def __str__(self):
        return f"token for {self.client}"

    def check_client(self, client):
        return self.client_id == client.pk

    def get_scope(self):
        return self.scope

    def get_expires_in(self):
        return self.expires_in

    def is_expired(self):
        return time.time() > self.issued_at + self.expires_in

    def is_revoked(self):
        return self.revoked

    def get_user(self):
        return self.customer

    def get_client(self):
        return self.client


class SigningKey(models.Model):
    """An RS256 key of the broker. The newest signs; all are published in the JWKS."""

    kid = models.CharField(max_length=64, unique=True, default=_kid)
    private_pem = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.kid
