import hmac
import secrets

from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from requests import RequestException

from accounts.partner.jwks import verify_id_token

DISCOVERY_CACHE_SECONDS = 5 * 60


class PartnerOAuth2Adapter(OpenIDConnectOAuth2Adapter):
    #: The nonce sent with the authorization request, set by the callback view from its state.
    expected_nonce = None

    @property
    def openid_config(self):
        # allauth fetches the discovery document twice per sign-in; a few minutes' cache will do.
        if not hasattr(self, "_openid_config"):
            key = f"partner:discovery:{self.get_provider().server_url}"
            config = cache.get(key)
            if config is None:
                config = super().openid_config
                cache.set(key, config, DISCOVERY_CACHE_SECONDS)
            self._openid_config = config
        return self._openid_config

    def complete_login(self, request, app, token, **kwargs):
        id_token = kwargs["response"].get("id_token")
        if not id_token:
            raise OAuth2Error("No id_token in the token response")
        claims = verify_id_token(
            id_token,
            jwks_uri=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            nonce=self.expected_nonce,
        )
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
        except (RequestException, KeyError, ValueError) as error:
            # The broker's discovery document is out of reach or unusable.
            return render_authentication_error(request, self, exception=error)

    def extract_common_fields(self, data):
        return {}  # the broker shares nothing but the subject

    def extract_email_addresses(self, data):
        return []
