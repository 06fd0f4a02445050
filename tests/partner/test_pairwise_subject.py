"""The broker shares one thing: an HMAC of (client, customer), and nothing about the person."""

import uuid

from partner_stub.subjects import pairwise_subject

CUSTOMER = uuid.UUID("6f1c1f7e-0d4b-4d7e-9a53-2f7a1f0c9b11")


def test_the_subject_is_stable_for_one_client():
    first = pairwise_subject(client_id="portal", customer_uid=CUSTOMER)
    assert first == pairwise_subject(client_id="portal", customer_uid=CUSTOMER)
    assert len(first) == 64


def test_the_subject_differs_from_one_client_to_another():
    assert pairwise_subject(client_id="portal", customer_uid=CUSTOMER) != pairwise_subject(
        client_id="another-service", customer_uid=CUSTOMER
    )


def test_the_subject_differs_from_one_customer_to_another():
    other = uuid.UUID("0b6a3c2d-1111-4c4c-8d8d-777777777777")
    assert pairwise_subject(client_id="portal", customer_uid=CUSTOMER) != pairwise_subject(
        client_id="portal", customer_uid=other
    )


def test_the_subject_depends_on_the_broker_key(settings):
    before = pairwise_subject(client_id="portal", customer_uid=CUSTOMER)
    settings.PARTNER_STUB_SUBJECT_KEY = "another-key"
    assert pairwise_subject(client_id="portal", customer_uid=CUSTOMER) != before


def test_the_subject_reveals_neither_the_client_nor_the_customer():
    subject = pairwise_subject(client_id="portal", customer_uid=CUSTOMER)
    assert "portal" not in subject
    assert CUSTOMER.hex not in subject
