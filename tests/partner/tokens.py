"""Forged id_tokens for the failure tests: the stub's answer, changed and signed again."""

import json

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from partner_stub.keys import current_signing_key


def _other_key_pem():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def resign(id_token, *, foreign_key=False, **changes):
    claims = jwt.decode(id_token, options={"verify_signature": False})
    claims.update(changes)
    signing_key = current_signing_key()
    pem = _other_key_pem() if foreign_key else signing_key.private_pem
    return jwt.encode(claims, pem, algorithm="RS256", headers={"kid": signing_key.kid})


def tamper_token_response(transport, **changes):
    """Make the broker's token endpoint answer with an id_token changed by ``changes``."""

    def rewrite(url, response):
        if url.endswith("/partner-stub/token/") and response.status_code == 200:
            body = response.json()
            body["id_token"] = resign(body["id_token"], **changes)
            response._content = json.dumps(body).encode()
        return response

    transport.rewrite = rewrite
