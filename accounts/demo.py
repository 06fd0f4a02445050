"""Demonstration accounts, published in the README so a tester can sign in and make codes.

`manage.py seed_demo` (DEBUG only) calls `load()`.
"""

from datetime import date

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User

DEMO_ACCOUNTS = [
    {
        "username": "demoapplicant",
        "password": "Maple2026Leaf",
        "totp_secret": "A2RDWP24JXCMROBGZ5TBTQPJPPTPCEKS",
        "email": "demoapplicant@example.com",
        "given_names": "Alex",
        "family_name": "Tremblay",
        "date_of_birth": date(1990, 3, 25),
        "preferred_language": "en",
    },
    {
        "username": "demotriage",
        "password": "Harbour2026Key",
        "totp_secret": "36VGCAYUGY2TAKU3W64GLXHEMFINMJIY",
        "email": "demotriage@example.com",
        "given_names": "Sam",
        "family_name": "Gagnon",
        "date_of_birth": date(1985, 11, 2),
        "preferred_language": "fr",
        "is_staff": True,
        "groups": ["triage"],
    },
    {
        "username": "demoadmin",
        "password": "Granite2026Key",
        "totp_secret": "5NG623P4LECWBUSTTGTVGLNODCSXXO5H",
        "email": "demoadmin@example.com",
        "given_names": "Robin",
        "family_name": "Singh",
        "date_of_birth": date(1979, 6, 14),
        "preferred_language": "en",
        "is_staff": True,
        "is_superuser": True,
    },
    {
        "username": "demofinance",
        "password": "Ledger2026Coin",
        "totp_secret": "LAJNWPZQD76I7ELBEYEZ6CVD4DN4KLT3",
        "email": "demofinance@example.com",
        "given_names": "Jordan",
        "family_name": "Chen",
        "date_of_birth": date(1988, 2, 9),
        "preferred_language": "en",
        "is_staff": True,
        "groups": ["finance"],
    },
]


def account_load(data):
    user, _created = User.objects.get_or_create(username=data["username"])
    for field in ("email", "given_names", "family_name", "date_of_birth", "preferred_language"):
        setattr(user, field, data[field])
    user.is_staff = data.get("is_staff", False)
    user.is_superuser = data.get("is_superuser", False)
    user.profile_completed_at = user.profile_completed_at or timezone.now()
    user.set_password(data["password"])
    user.save()
    user.groups.set(Group.objects.filter(name__in=data.get("groups", [])))
    EmailAddress.objects.update_or_create(
        user=user, email=data["email"], defaults={"primary": True, "verified": True}
    )
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    TOTP.activate(user, data["totp_secret"])
    RecoveryCodes.activate(user)


def load():
    for data in DEMO_ACCOUNTS:
        account_load(data)
    return f"{len(DEMO_ACCOUNTS)} accounts ({', '.join(a['username'] for a in DEMO_ACCOUNTS)})"
