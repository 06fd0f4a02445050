"""The broker's answers, checked before the portal uses or caches any of them.

A broker is another party: its discovery document, keys, tokens and user information arrive over
the network and may be anything. Each is read here, at one seam, and anything that is not what
OpenID Connect says it must be raises ``BrokerAnswerError``, which the views turn into the
bilingual "we could not sign you in" page (never a server error, never a cached bad answer).
"""

from urllib.parse import urlsplit

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from requests import RequestException


class BrokerAnswerError(OAuth2Error):
    """The broker answered something that is not a usable OpenID Connect document."""


ENDPOINTS = ("authorization_endpoint", "token_endpoint", "jwks_uri")


def issuer_normalise(url):
    return str(url).rstrip("/")


def _is_web_url(value):
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("https", "http") and bool(parts.netloc)


def json_object(response, what):
    """The JSON object of a broker's response, or BrokerAnswerError."""
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise BrokerAnswerError(f"{what}: not JSON ({content_type or 'no content type'})")
    try:
        data = response.json()
    except ValueError as error:
        raise BrokerAnswerError(f"{what}: unreadable JSON") from error
    if not isinstance(data, dict):
        raise BrokerAnswerError(f"{what}: not a JSON object")
    return data


def fetch_json(url, what, **kwargs):
    """GET ``url`` from the broker and return its JSON object."""
    try:
        with get_adapter().get_requests_session() as session:
            response = session.get(url, **kwargs)
            response.raise_for_status()
            return json_object(response, what)
    except RequestException as error:
        raise BrokerAnswerError(f"{what}: {error.__class__.__name__}") from error


def discovery_check(config, *, server_url):
    """The discovery document, if it names our broker as issuer and has usable endpoints."""
    if issuer_normalise(config.get("issuer", "")) != issuer_normalise(server_url):
        raise BrokerAnswerError("discovery: the issuer is not the configured broker")
    for name in ENDPOINTS:
        if not _is_web_url(config.get(name)):
            raise BrokerAnswerError(f"discovery: {name} is not an http(s) address")
    if "userinfo_endpoint" in config and not _is_web_url(config["userinfo_endpoint"]):
        raise BrokerAnswerError("discovery: userinfo_endpoint is not an http(s) address")
    return config


def jwks_check(data):
    keys = data.get("keys")
    if not isinstance(keys, list) or not all(isinstance(key, dict) for key in keys):
        raise BrokerAnswerError("jwks: keys is not a list of objects")
    return data


def token_check(data):
    for name in ("access_token", "id_token"):
        if not isinstance(data.get(name), str) or not data[name]:
            raise BrokerAnswerError(f"token: no {name}")
    expires_in = data.get("expires_in")
    if expires_in is not None and (
        isinstance(expires_in, bool) or not str(expires_in).isdigit() or int(expires_in) > 10**7
    ):
        raise BrokerAnswerError("token: expires_in is not a whole number of seconds")
    return data


def userinfo_check(data):
    if not isinstance(data.get("sub"), str) or not data["sub"]:
        raise BrokerAnswerError("userinfo: no subject")
    return data


def audience_check(claims, *, client_id):
    """OpenID Connect Core 3.1.3.7: we are the audience, and the authorised party if several."""
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if client_id not in audiences:
        raise BrokerAnswerError("id_token: not for this client")
    if (len(audiences) > 1 or "azp" in claims) and claims.get("azp") != client_id:
        raise BrokerAnswerError("id_token: another authorised party")
    return claims
