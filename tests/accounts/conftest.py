import pyotp
import pytest

PASSWORD = "Maple2026Leaf"
SECRET = "A2RDWP24JXCMROBGZ5TBTQPJPPTPCEKS"


@pytest.fixture
def staff_client(admin_client):
    """A superuser with two-step verification, signed in (the admin requires both)."""
    return admin_client


def totp_now(secret=SECRET):
    return pyotp.TOTP(secret).now()


def sign_in(client, username, password=PASSWORD, *, language="en", headers=None, **extra):
    url = "/en/account/sign-in/" if language == "en" else "/fr/compte/ouvrir-session/"
    return client.post(url, {"login": username, "password": password, **extra}, headers=headers)


def two_step(client, code, *, language="en"):
    url = "/en/account/two-step/verify/" if language == "en" else "/fr/compte/deux-etapes/verifier/"
    return client.post(url, {"code": code})


def delivering():
    """Run what the block queues for after its commit (emails): the test's transaction never
    commits, so without this nothing queued with ``transaction.on_commit`` would run."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)
