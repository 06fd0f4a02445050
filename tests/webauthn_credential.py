"""A WebAuthn registration as a browser would send it, made with fido2 and a fresh EC key.

Enough for the portal's pages that list, rename or remove a security key (allauth parses the
stored registration response to find its credential); nothing here signs in with it.
"""

import hashlib
import json
import os

from cryptography.hazmat.primitives.asymmetric import ec
from fido2.cose import ES256
from fido2.utils import websafe_encode
from fido2.webauthn import (
    Aaguid,
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorData,
)


def registration_response(rp_id="localhost", origin="http://localhost", passkey=True):
    key = ec.generate_private_key(ec.SECP256R1())
    credential_id = os.urandom(16)
    credential = AttestedCredentialData.create(
        Aaguid.NONE, credential_id, ES256.from_cryptography_key(key.public_key())
    )
    flags = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.AT
    auth_data = AuthenticatorData.create(
        hashlib.sha256(rp_id.encode()).digest(), flags, 0, credential
    )
    attestation = AttestationObject.create("none", auth_data, {})
    client_data = json.dumps(
        {"type": "webauthn.create", "challenge": websafe_encode(os.urandom(16)), "origin": origin}
    ).encode()
    return {
        "id": websafe_encode(credential_id),
        "rawId": websafe_encode(credential_id),
        "type": "public-key",
        "response": {
            "clientDataJSON": websafe_encode(client_data),
            "attestationObject": websafe_encode(bytes(attestation)),
        },
        "clientExtensionResults": {"credProps": {"rk": passkey}},
    }
