"""The broker's public keys, cached; fetched again when an id_token names a key we don't know."""

import hmac
import json

import jwt
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from django.core.cache import cache

from accounts.partner.documents import fetch_json, jwks_check

CACHE_SECONDS = 60 * 60


def _cache_key(jwks_uri):
    return f"partner:jwks:{jwks_uri}"


def _fetch(jwks_uri):
    data = jwks_check(fetch_json(jwks_uri, "jwks"))  # checked before it is cached
    cache.set(_cache_key(jwks_uri), json.dumps(data), CACHE_SECONDS)
    return data


def _find(data, kid):
    for key in data.get("keys", []):
        if key.get("kid") == kid and key.get("kty") == "RSA" and key.get("use", "sig") == "sig":
            return jwt.PyJWK.from_dict({**key, "alg": "RS256"}).key
    return None


def signing_key(jwks_uri, kid):
    """The RSA public key ``kid`` of the broker. A key rotation is picked up at the first token
    signed with the new key (only the broker's token endpoint gives us tokens to check)."""
    cached = cache.get(_cache_key(jwks_uri))
    key = _find(json.loads(cached), kid) if cached else None
    if key is None:
        key = _find(_fetch(jwks_uri), kid)
    if key is None:
        raise OAuth2Error(f"Unknown signing key {kid!r}")
    return key


def verify_id_token(id_token, *, jwks_uri, issuer, audience, nonce):
    """The id_token's claims, once its signature, issuer, audience, expiry and nonce hold."""
    try:
        header = jwt.get_unverified_header(id_token)
        if header.get("alg") != "RS256":
            raise OAuth2Error("id_token not signed with RS256")
        key = signing_key(jwks_uri, header.get("kid"))
        claims = jwt.decode(
            id_token,
            key=key,
            algorithms=["RS256"],
            audience=audience,
            issuer=issuer,
            leeway=30,
            options={"require": ["iss", "aud", "exp", "iat", "sub", "nonce"]},
        )
    except jwt.PyJWTError as error:
        raise OAuth2Error(f"Invalid id_token: {error}") from error
    if not nonce or not isinstance(claims.get("nonce"), str):
        raise OAuth2Error("id_token without the nonce we sent")
    if not hmac.compare_digest(claims["nonce"], nonce):
        raise OAuth2Error("id_token nonce does not match")
    return claims
