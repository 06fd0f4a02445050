"""The OpenID Connect server of the broker, built on Authlib's authorization-code grant.

Authlib lets the resource owner be any object: here a `Customer` of a demonstration bank, never
the portal's user, and the broker's sign-in never touches the portal's session.
"""

import time
from dataclasses import dataclass

from authlib.integrations.django_oauth2 import AuthorizationServer, BearerTokenValidator
from authlib.integrations.django_oauth2.requests import DjangoOAuth2Request
from authlib.oauth2.rfc6749 import InvalidRequestError, OAuth2Request
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from django.db import transaction

from partner_stub.keys import current_signing_key, private_jwk
from partner_stub.models import AuthorizationCode, ClientRegistration, Customer, Token
from partner_stub.subjects import pairwise_subject

ID_TOKEN_SECONDS = 300
ACCESS_TOKEN_SECONDS = 300


@dataclass
class GrantedCustomer:
    """What the grant knows of the resource owner: the customer and their subject for a client."""

    customer: Customer
    sub: str

    @property
    def pk(self):
        return self.customer.pk


def granted(customer, client):
    return GrantedCustomer(
        customer=customer,
        sub=pairwise_subject(client_id=client.client_id, customer_uid=customer.uid),
    )


class S256Required(CodeChallenge):
    """PKCE with S256 for every client, confidential ones included."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant, redirect_uri):
        data = grant.request.payload.data
        if not data.get("code_challenge") or data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("PKCE with code_challenge_method=S256 is required.")
        super().validate_code_challenge(grant, redirect_uri)

    def get_authorization_code_challenge(self, authorization_code):
        return authorization_code.code_challenge

    def get_authorization_code_challenge_method(self, authorization_code):
        return authorization_code.code_challenge_method


class CodeGrant(AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_post", "client_secret_basic"]

    def save_authorization_code(self, code, request):
        data = request.payload.data
        return AuthorizationCode.objects.create(
            code=code,
            client=request.client,
            customer=request.user.customer,
            redirect_uri=request.payload.redirect_uri,
            scope=request.scope or "openid",
            nonce=data.get("nonce") or "",
            code_challenge=data.get("code_challenge"),
            code_challenge_method=data.get("code_challenge_method"),
        )

    def query_authorization_code(self, code, client):
        with transaction.atomic():
            found = (
                AuthorizationCode.objects.select_for_update()
                .filter(code=code, client=client)
                .first()
            )
            if found is None:
                return None
            if found.used:
                # A code used twice: someone else may hold it. Revoke what it gave.
                Token.objects.filter(code=found).update(revoked=True)
                return None
            if found.is_expired():
                return None
            found.used = True
            found.save(update_fields=["used"])
        return found

    def delete_authorization_code(self, authorization_code):
        pass  # kept (marked used) so that a replay is recognised

    def authenticate_user(self, authorization_code):
        return granted(authorization_code.customer, authorization_code.client)


class OpenIDCodeExtension(OpenIDCode):
    def __init__(self, issuer):
        super().__init__(require_nonce=False)
        self.issuer = issuer

    def exists_nonce(self, nonce, request):
        return AuthorizationCode.objects.filter(
            client__client_id=request.payload.client_id, nonce=nonce
        ).exists()

    def resolve_client_private_key(self, client):
        return private_jwk(current_signing_key())

    def get_client_algorithm(self, client):
        return "RS256"

    def get_encode_header(self, client):
        return {"alg": "RS256", "kid": current_signing_key().kid, "typ": "JWT"}

    def get_client_claims(self, client):
        now = int(time.time())
        return {
            "iss": self.issuer,
            "aud": [client.client_id],
            "iat": now,
            "exp": now + ID_TOKEN_SECONDS,
        }

    def generate_user_info(self, user, scope):
        # The pairwise subject, and nothing else: no name, email or birth date.
        return UserInfo(sub=user.sub)


class BrokerServer(AuthorizationServer):
    def __init__(self, issuer):
        super().__init__(ClientRegistration, Token)
        self.register_grant(CodeGrant, [S256Required(), OpenIDCodeExtension(issuer)])

    def create_oauth2_request(self, request):
        if isinstance(request, OAuth2Request):  # a StoredAuthorizationRequest
            return request
        return super().create_oauth2_request(request)

    def save_token(self, token, request):
        return Token.objects.create(
            access_token=token["access_token"],
            client=request.client,
            customer=request.user.customer,
            code=request.authorization_code,
            scope=token.get("scope", "openid"),
            expires_in=token.get("expires_in", ACCESS_TOKEN_SECONDS),
        )


def broker_server(issuer):
    server = BrokerServer(issuer)
    server.load_config({"token_expires_in": {"authorization_code": ACCESS_TOKEN_SECONDS}})
    return server


class StoredAuthorizationRequest(DjangoOAuth2Request):
    """The authorization request the browser brought, replayed from the broker's session."""

    def __init__(self, request, params):
        OAuth2Request.__init__(self, "GET", request.build_absolute_uri(), headers={})
        self.payload = BasicOAuth2Payload(dict(params))
        self._request = request

    @property
    def args(self):
        return self.payload.data

    @property
    def form(self):
        return {}


class TokenValidator(BearerTokenValidator):
    def __init__(self):
        super().__init__(Token)
