"""Requests for documents: what a case officer asked for, by when, and what came back."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import Application
from portal.files import documents_storage

# Reminders go this many days before the due date (a daily task sends them).
REMINDER_DAYS = (7, 1)


class DocumentKind(models.Model):
    """A document officers often ask for, named in both languages (staff edit the list)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("kind of document")
        verbose_name_plural = _("kinds of document")

    def __str__(self):
        return self.name


class DocumentRequest(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting for the applicant")
        OVERDUE = "overdue", _("Overdue")
        ANSWERED = "answered", _("Answered")

    OPEN = (State.WAITING, State.OVERDUE)

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="document_requests",
        verbose_name=_("application"),
    )
    note = models.TextField(_("message to the applicant (optional)"), blank=True)
    due_on = models.DateField(_("due date"))
    state = models.CharField(
        _("state"), max_length=10, choices=State, default=State.WAITING, db_index=True
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    reply = models.TextField(_("applicant's reply (redacted)"), blank=True, max_length=2000)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reminded_days = models.JSONField(default=list, blank=True)  # of REMINDER_DAYS, sent

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("document request")
        verbose_name_plural = _("document requests")
        indexes = [
            # The officers' queue: answered, not reviewed, oldest first.
            models.Index(
                fields=["answered_at"],
                condition=Q(state="answered", reviewed_at__isnull=True),
                name="document_requests_queue",
            ),
            models.Index(fields=["application", "state"]),
        ]

    def __str__(self):
        return f"{self.application.number}: {self.due_on:%Y-%m-%d}"

    @property
    def is_open(self):
        return self.state in self.OPEN

    @property
    def days_left(self):
        return (self.due_on - timezone.localdate()).days


class AnsweredRequest(DocumentRequest):
    """The officers' queue in the admin: answered requests not yet reviewed."""

    class Meta:
        proxy = True
        verbose_name = _("answered request to review")
        verbose_name_plural = _("answered requests to review")


class RequestedItem(models.Model):
    request = models.ForeignKey(DocumentRequest, on_delete=models.CASCADE, related_name="items")
    kind = models.ForeignKey(
        DocumentKind,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("kind of document"),
    )
    description = models.CharField(_("or describe the document"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("requested document")
        verbose_name_plural = _("requested documents")

    def __str__(self):
        return self.label

    @property
    def label(self):
        return self.kind.name if self.kind_id else self.description


def reply_path(instance, filename):
    """A random name: nothing about the applicant or the file shows in storage."""
    return f"requests/{uuid.uuid4().hex}{filename[filename.rfind('.') :]}"


class ReplyDocument(models.Model):
    item = models.OneToOneField(
        RequestedItem, on_delete=models.CASCADE, related_name="document", verbose_name=_("for")
    )
    file = models.FileField(_("file"), upload_to=reply_path, storage=documents_storage)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document sent")
        verbose_name_plural = _("documents sent")

    def __str__(self):
        return self.original_name
