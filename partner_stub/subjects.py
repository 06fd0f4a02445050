"""Pairwise subjects: the only thing the broker tells a client about a customer."""

import hashlib
import hmac

from django.conf import settings


def _subject_key():
    key = getattr(settings, "PARTNER_STUB_SUBJECT_KEY", "") or settings.SECRET_KEY
    return hashlib.sha256(b"partner_stub.subject:" + key.encode()).digest()


def pairwise_subject(*, client_id, customer_uid):
    """HMAC-SHA256 of (client, customer): stable for one client, unrelated across clients."""
    message = f"{client_id}\x00{customer_uid}".encode()
    return hmac.new(_subject_key(), message, hashlib.sha256).hexdigest()
