import pytest

from tests.factories import ApplicationFactory, UserFactory

SECRET = "A2RDWP24JXCMROBGZ5TBTQPJPPTPCEKS"


@pytest.fixture
def applicant(db):
    return UserFactory(username="mariecote", totp_secret=SECRET)


@pytest.fixture
def signed_in(client, applicant):
    client.force_login(applicant)
    return client


@pytest.fixture
def unlinked(db):
    return ApplicationFactory(number="E123456789", family_name="Côté", given_names="Marie Ève")


@pytest.fixture
def linked(applicant):
    return ApplicationFactory(number="W100000001", account=applicant)
