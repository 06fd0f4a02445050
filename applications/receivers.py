"""Files that go with rows: a message's letter leaves storage with the message."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from applications.models import Message


@receiver(post_delete, sender=Message)
def letter_delete(sender, instance, **kwargs):
    """Once the deletion is committed, the letter's file goes too (never before: a rollback
    would leave a message without its letter)."""
    if instance.letter:
        storage, name = instance.letter.storage, instance.letter.name
        transaction.on_commit(lambda: storage.delete(name), robust=True)
