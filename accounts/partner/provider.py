import hmac
import secrets

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.providers.oauth2.client import OAuth2Client, OAuth2Error
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from requests import RequestException

from accounts.partner import documents
from accounts.partner.jwks import verify_id_token

DISCOVERY_CACHE_SECONDS = 5 * 60


class PartnerOAuth2Client(OAuth2Client):
    """The token request, with the broker's answer checked before anything reads it."""

    def get_access_token(self, code, pkce_code_verifier=None, extra_data=None):
        data = {
            "redirect_uri": self.callback_url,
            "grant_type": "authorization_code",
            "code": code,
            self.client_id_parameter: self.consumer_key,
            "client_secret": self.consumer_secret,
        }
        if pkce_code_verifier:
            data["code_verifier"] = pkce_code_verifier
        try:
            with get_adapter().get_requests_session() as session:
                response = session.post(self.access_token_url, data=data, headers=self.headers)
        except RequestException as error:
            raise documents.BrokerAnswerError(f"token: {error.__class__.__name__}") from error
        if response.status_code != 200:
            try:
                reason = documents.json_object(response, "token error").get("error")
            except documents.BrokerAnswerError:
                reason = None
            reason = reason if isinstance(reason, str) else "no error code"
            raise OAuth2Error(f"token: the broker answered {response.status_code} ({reason[:50]})")
        return documents.token_check(documents.json_object(response, "token"))


class PartnerOAuth2Adapter(OpenIDConnectOAuth2Adapter):
    #: The nonce sent with the authorization request, set by the callback view from its state.
    expected_nonce = None
    client_class = PartnerOAuth2Client

    @property
    def issuer(self):
        """The configured broker: the only issuer we accept, whatever a document says."""
        url = self.get_provider().app.settings["server_url"]
        return documents.issuer_normalise(url.split("/.well-known/")[0])

    @property
    def openid_config(self):
        # allauth reads the discovery document twice per sign-in; a few minutes' cache will do.
        # Only a document that passed its checks is cached.
        if not hasattr(self, "_openid_config"):
            key = f"partner:discovery:{self.issuer}"
            config = cache.get(key)
            if config is None:
                url = self.issuer + "/.well-known/openid-configuration"
                config = documents.discovery_check(
                    documents.fetch_json(url, "discovery"), server_url=self.issuer
                )
                cache.set(key, config, DISCOVERY_CACHE_SECONDS)
            self._openid_config = config
        return self._openid_config

    def parse_token(self, data):
        return super().parse_token(documents.token_check(data))

    def _fetch_user_info(self, access_token):
        userinfo = documents.fetch_json(
            self.profile_url, "userinfo", headers={"Authorization": f"Bearer {access_token}"}
        )
        return documents.userinfo_check(userinfo)

    def complete_login(self, request, app, token, **kwargs):
        id_token = kwargs["response"].get("id_token")
        if not id_token:
            raise OAuth2Error("No id_token in the token response")
        claims = verify_id_token(
            id_token,
            jwks_uri=self.openid_config["jwks_uri"],
            issuer=self.issuer,
            audience=app.client_id,
            nonce=self.expected_nonce,
        )
        documents.audience_check(claims, client_id=app.client_id)
        data = {"id_token": claims}
        if app.settings.get("fetch_userinfo", True):
            userinfo = self._fetch_user_info(token.token)
            # OpenID Connect Core 5.3.2: the userinfo must be about the id_token's subject.
            if not hmac.compare_digest(str(userinfo.get("sub", "")), str(claims["sub"])):
                raise OAuth2Error("userinfo subject differs from the id_token's")
            data["userinfo"] = userinfo
        return self.get_provider().sociallogin_from_response(request, data)

    def get_callback_url(self, request, app):
        # The callback in the page's language: both are registered with the broker.
        path = reverse("openid_connect_callback", kwargs={"provider_id": self.provider_id})
        return request.build_absolute_uri(path)


class PartnerProvider(OpenIDConnectProvider):
    """allauth's OpenID Connect provider with PKCE, a nonce and id_token signature checks."""

    # Our urls.py replaces the stock provider's: its callback would skip the checks above.
    package = "accounts.partner"
    oauth2_adapter_class = PartnerOAuth2Adapter
    pkce_enabled_default = True

    def get_default_scope(self):
        return ["openid"]

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(32)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        auth_params["nonce"] = nonce
        auth_params.setdefault("ui_locales", translation.get_language())
        try:
            # The nonce goes into allauth's state (in the session) beside the PKCE verifier.
            return super().redirect(
                request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs
            )
        except (RequestException, OAuth2Error, KeyError, ValueError) as error:
            # The broker's discovery document is out of reach or unusable.
            return render_authentication_error(request, self, exception=error)

    def extract_common_fields(self, data):
        return {}  # the broker shares nothing but the subject

    def extract_email_addresses(self, data):
        return []
