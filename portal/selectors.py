"""Reads that views share."""

from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from portal.models import Notice

NOTICES_CACHE_KEY = "portal:notices:not-ended"
# How long another server may show a notice as it was before an edit.
NOTICES_CACHE_SECONDS = 10


def notice_list_current(*, at=None):
    """The notices shown now, in display order.

    The sign-in page is the busiest page of the portal, so each process keeps the notices that
    have not ended for a few seconds and filters them by date here; saving or deleting a notice
    clears that process's copy at once, the others' within NOTICES_CACHE_SECONDS.
    """
    at = at or timezone.now()
    local = caches["local"]
    notices = local.get(NOTICES_CACHE_KEY)
    if notices is None:
        notices = list(Notice.objects.not_ended(at=at))
        local.set(NOTICES_CACHE_KEY, notices, NOTICES_CACHE_SECONDS)
    return [notice for notice in notices if notice.is_shown_at(at)]


@receiver([post_save, post_delete], sender=Notice)
def _forget_notices(**kwargs):
    caches["local"].delete(NOTICES_CACHE_KEY)
