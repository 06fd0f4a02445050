"""The amount formatting of the hosted pages, and the command that configures a merchant."""

import io

import pytest
from django.core.management import CommandError, call_command

from payment_stub.models import Merchant
from payment_stub.money import format_amount

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("cents", "english", "french"),
    [
        (10000, "$100.00", f"100,00{NBSP}$"),
        (123456, "$1,234.56", f"1{NBSP}234,56{NBSP}$"),
        (5, "$0.05", f"0,05{NBSP}$"),
        (99_999_999, "$999,999.99", f"999{NBSP}999,99{NBSP}$"),
        (123_456_789_00, "$123,456,789.00", f"123{NBSP}456{NBSP}789,00{NBSP}$"),
    ],
)
def test_amounts_per_language(cents, english, french):
    assert format_amount(cents, "en") == english
    assert format_amount(cents, "fr") == french
    assert format_amount(cents, "fr-ca") == french


def merchant_command(**options):
    arguments = {
        "name": "IRCC",
        "api_key": "key-1",
        "webhook_secret": "secret-1",
        "webhook_url": "http://127.0.0.1:8000/en/payments/webhook/",
    }
    arguments.update(options)
    arguments = {name: value for name, value in arguments.items() if value is not None}
    out = io.StringIO()
    call_command("payment_stub_merchant", stdout=out, **arguments)
    return out.getvalue()


def test_the_command_creates_then_updates_the_merchant_of_a_key(db):
    assert "Created" in merchant_command()
    assert "Updated" in merchant_command(name="IRCC renamed", create_delay=1.5)
    merchant = Merchant.objects.get()
    assert (merchant.name, merchant.create_delay) == ("IRCC renamed", 1.5)
    # The key is kept as a digest only; the webhook secret is needed to sign, so it is kept.
    assert "key-1" not in str(Merchant.objects.values().get())
    assert merchant.webhook_secret == "secret-1"
    merchant_command(api_key="key-2")
    assert Merchant.objects.count() == 2


def test_the_command_takes_its_arguments_from_the_command_line(db):
    out = io.StringIO()
    call_command(
        "payment_stub_merchant",
        "--name=Seed",
        "--api-key=k",
        "--webhook-secret=s",
        "--webhook-url=https://portal.example/hook",
        "--create-delay=0.5",
        stdout=out,
    )
    assert Merchant.objects.get().create_delay == 0.5


@pytest.mark.parametrize(
    "options",
    [
        {"webhook_url": "not a url"},
        {"webhook_url": "ftp://example.com/hook"},
        {"api_key": "  "},
        {"webhook_secret": ""},
        {"name": " "},
        {"create_delay": -1},
        {"create_delay": 61},
        {"webhook_url": None},
        {"webhook_secret": None},
    ],
)
def test_the_command_refuses_bad_arguments(db, options):
    with pytest.raises(CommandError):
        merchant_command(**options)
    assert not Merchant.objects.exists()


def test_without_a_key_the_one_merchant_is_updated(db):
    merchant_command()
    out = io.StringIO()
    call_command("payment_stub_merchant", "--create-delay", "5", stdout=out)
    assert "Updated" in out.getvalue()
    merchant = Merchant.objects.get()
    assert (merchant.name, merchant.create_delay) == ("IRCC", 5.0)
    assert merchant.webhook_secret == "secret-1"  # what was not given is kept
    call_command("payment_stub_merchant", "--create-delay=0", verbosity=0, stdout=out)
    assert Merchant.objects.get().create_delay == 0


@pytest.mark.parametrize("merchants", [0, 2])
def test_without_a_key_there_must_be_exactly_one_merchant(db, merchants):
    for number in range(merchants):
        merchant_command(api_key=f"key-{number}")
    with pytest.raises(CommandError, match="--api-key"):
        call_command("payment_stub_merchant", "--create-delay", "5")
    assert Merchant.objects.filter(create_delay=5).count() == 0


def test_verbosity_zero_writes_nothing(db):
    assert merchant_command(verbosity=0) == ""
    assert Merchant.objects.count() == 1
