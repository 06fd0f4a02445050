from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NoticeQuerySet(models.QuerySet):
    def not_ended(self, *, at):
        """Notices shown at ``at`` or later: current and future ones."""
        return self.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=at))


class Notice(models.Model):
    """A bilingual notice on the sign-in page, written by staff in the admin."""

    class Kind(models.TextChoices):
        FEATURED = "featured", _("Featured")
        INFO = "info", _("Information alert")
        WARNING = "warning", _("Warning alert")

    slug = models.SlugField(_("identifier"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.FEATURED)
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(
        _("text"), help_text=_("Plain text; a blank line starts a new paragraph.")
    )
    starts_at = models.DateTimeField(_("shown from"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("shown until"),
        null=True,
        blank=True,
        help_text=_("Leave empty to show it until removed."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("last modified"), auto_now=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["order", "starts_at"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self):
        return self.title or self.slug

    def is_shown_at(self, at):
        return self.starts_at <= at and (self.ends_at is None or self.ends_at > at)

    def clean(self):
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})
