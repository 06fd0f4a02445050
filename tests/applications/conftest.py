import pytest

from tests.factories import ApplicationFactory


@pytest.fixture
def unlinked(db):
    return ApplicationFactory(
        number="E123456789", uci="12345678", family_name="Côté", given_names="Marie Ève"
    )


@pytest.fixture
def linked(applicant):
    return ApplicationFactory(number="W100000001", account=applicant)
