from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The portal's user. Custom from the first migration so later issues can extend it."""
