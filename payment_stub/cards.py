"""The test cards of the demonstration provider, and what paying with each does.

No real card is ever charged: a card number that is valid but not listed here is refused.
"""

from django.utils.translation import gettext_lazy as _

SUCCEEDS, DECLINED, CONFIRM, SLOW = "succeeds", "declined", "confirm", "slow"

TEST_CARDS = {
    "4242424242424242": SUCCEEDS,
    "4000000000000002": DECLINED,
    "4000002500003155": CONFIRM,
    "4000000000000077": SLOW,
}

# What the page of test cards says of each.
OUTCOMES = {
    SUCCEEDS: _("The payment succeeds."),
    DECLINED: _("The card is declined."),
    CONFIRM: _("The bank asks you to confirm the payment, then it succeeds or is refused."),
    SLOW: _("The payment is accepted, then confirmed about 8 seconds later."),
}

# Seconds before a payment with the slow card is paid.
SLOW_SETTLE_SECONDS = 8


def grouped(number):
    """``4242424242424242`` → ``4242 4242 4242 4242``."""
    return " ".join(number[index : index + 4] for index in range(0, len(number), 4))


def card_list():
    return [(grouped(number), OUTCOMES[outcome]) for number, outcome in TEST_CARDS.items()]


def luhn_valid(digits):
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def outcome(number):
    """What paying with ``number`` (digits only) does; None for a card that is not a test card."""
    return TEST_CARDS.get(number)
