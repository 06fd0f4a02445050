"""The broker's RS256 signing keys, kept in its own table so every process signs alike."""

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.db import transaction
from joserfc.jwk import RSAKey

from partner_stub.models import SigningKey


def _new_pem():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@transaction.atomic
def signing_key_rotate():
    """Make a new key the one that signs; the old ones stay published."""
    return SigningKey.objects.create(private_pem=_new_pem())


def current_signing_key():
    return SigningKey.objects.first() or signing_key_rotate()


def private_jwk(signing_key):
    return RSAKey.import_key(signing_key.private_pem, {"kid": signing_key.kid, "alg": "RS256"})


def public_jwks():
    current_signing_key()
    keys = []
    for signing_key in SigningKey.objects.all():
        public = private_jwk(signing_key).as_dict(private=False)
        public.update({"kid": signing_key.kid, "alg": "RS256", "use": "sig"})
        keys.append(public)
    return {"keys": keys}
