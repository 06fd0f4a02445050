"""Problem reports ("Report a problem" on every page) and support requests (the web form).

Neither keeps who sent it from which address: a report holds the page, its title, the language
and the time; a request holds what its sender typed, redacted, and the contact email they gave.
"""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.categories import Category


def attachments_storage():
    """Where attachments go: a storage of their own, outside the web root (see settings)."""
    return storages["feedback_attachments"]


class Status(models.TextChoices):
    NEW = "new", _("New")
    TRIAGED = "triaged", _("Triaged")
    RESOLVED = "resolved", _("Resolved")
    SPAM = "spam", _("Spam")


class Triage(models.Model):
    """What staff add to what the public sent."""

    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(_("internal notes"), blank=True)

    class Meta:
        abstract = True


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")


class ProblemReport(Triage):
    path = models.CharField(_("page"), max_length=500)
    title = models.CharField(_("page title"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language)
    received_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        indexes = [
            models.Index(fields=["-received_at", "-id"], name="report_received"),
            models.Index(fields=["status", "-received_at"], name="report_status"),
            models.Index(fields=["path", "-received_at"], name="report_path"),
        ]

    def __str__(self):
        return f"{self.path} ({self.received_at:%Y-%m-%d %H:%M})"

    @property
    def category_list(self):
        """The checked boxes' codes, in the form's order."""
        checked = {row.category for row in self.categories.all()}
        return [code for code in Category.values if code in checked]


class ReportCategory(models.Model):
    """One box checked on a report: a row each, so filters and counts use an index."""

    report = models.ForeignKey(ProblemReport, on_delete=models.CASCADE, related_name="categories")
    category = models.CharField(_("category"), max_length=20, choices=Category)

    class Meta:
        verbose_name = _("report category")
        verbose_name_plural = _("report categories")
        constraints = [
            models.UniqueConstraint(fields=["report", "category"], name="report_category_once"),
        ]
        indexes = [models.Index(fields=["category", "report"], name="report_category")]

    def __str__(self):
        return self.get_category_display()


class SupportRequest(Triage):
    class Kind(models.TextChoices):
        TECHNICAL = "technical", _("Technical difficulties")
        SIGN_IN = "sign-in", _("Signing in or registering")
        APPLICATION = "application", _("My online application")
        OTHER = "other", _("Something else")

    reference = models.CharField(_("reference number"), max_length=20, unique=True)
    kind = models.CharField(_("enquiry"), max_length=20, choices=Kind)
    where = models.CharField(_("page or step"), max_length=200)
    description = models.TextField(_("description (redacted)"), max_length=2000)
    email = models.EmailField(_("contact email"))
    attachment = models.FileField(
        _("attachment"), storage=attachments_storage, upload_to="support/%Y/%m/", blank=True
    )
    attachment_type = models.CharField(_("attachment type"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    consent_at = models.DateTimeField(_("privacy notice accepted"))
    # Keyed hash of the contact email and the redacted description: spots a request sent twice.
    fingerprint = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        indexes = [
            models.Index(fields=["-received_at", "-id"], name="support_received"),
            models.Index(fields=["status", "-received_at"], name="support_status"),
            models.Index(fields=["fingerprint", "received_at"], name="support_fingerprint"),
        ]

    def __str__(self):
        return self.reference
