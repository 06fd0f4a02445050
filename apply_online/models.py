"""Applying online: the forms of each application type (data staff edit), personal reference
codes, drafts and their documents.

A type's form is rows, not code: sections of questions, each question a Django form field of a
known kind (`apply_online.forms`), and a checklist of documents, some required only under
certain answers. A draft keeps what the applicant typed, as typed, so nothing is ever lost to a
validation error; the answers are checked when a step is continued and again at submission.
"""

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import Application, ApplicationType
from portal.files import documents_storage  # noqa: F401 - named by migration 0001

DRAFT_LIFETIME = timedelta(days=60)
CODE_LIFETIME = timedelta(days=60)
# No look-alikes: no 0/O, no 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


class FormSection(models.Model):
    """One step of a type's form: a page of questions."""

    type = models.ForeignKey(
        ApplicationType, on_delete=models.CASCADE, related_name="sections", verbose_name=_("type")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=120)
    intro = models.TextField(_("introduction"), blank=True)

    class Meta:
        ordering = ["type", "position"]
        constraints = [
            models.UniqueConstraint(fields=["type", "position"], name="one_section_per_position")
        ]
        verbose_name = _("form section")
        verbose_name_plural = _("form sections")

    def __str__(self):
        return f"{self.type} – {self.position}. {self.title}"


class Question(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        NAME = "name", _("Name in Latin letters")
        NAME_NATIVE = "name_native", _("Name in another alphabet")
        DATE = "date", _("Date")
        PAST_DATE = "past_date", _("Date in the past")
        FUTURE_DATE = "future_date", _("Date in the future")
        EMAIL = "email", _("Email address")
        PHONE = "phone", _("Telephone number")
        CHOICE = "choice", _("One choice")
        YES_NO = "yes_no", _("Yes or no")
        NUMBER = "number", _("Whole number")
        DECLARATION = "declaration", _("Tick box that must be ticked")

    section = models.ForeignKey(
        FormSection, on_delete=models.CASCADE, related_name="questions", verbose_name=_("section")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.SlugField(
        _("name"),
        max_length=60,
        help_text=_(
            "The answer's key: a question of the eligibility questionnaire with the same "
            "name fills it in."
        ),
    )
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("hint"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    required = models.BooleanField(_("required"), default=True)
    max_length = models.PositiveSmallIntegerField(_("maximum length"), default=100)

    class Meta:
        ordering = ["section", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "position"], name="one_question_per_position"
            ),
        ]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.label


class Choice(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    value = models.SlugField(_("value"), max_length=60)
    label = models.CharField(_("label"), max_length=200)

    class Meta:
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="one_choice_per_value")
        ]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.label


class ChecklistItem(models.Model):
    """A document the type asks for; with a condition, only when an answer is given."""

    type = models.ForeignKey(
        ApplicationType, on_delete=models.CASCADE, related_name="checklist", verbose_name=_("type")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("document"), max_length=200)
    help_text = models.CharField(_("what to upload"), max_length=400, blank=True)
    required = models.BooleanField(_("required"), default=True)
    when_question = models.SlugField(
        _("only when the answer to"),
        max_length=60,
        blank=True,
        help_text=_("The name of a question of the form or of the eligibility questionnaire."),
    )
    when_answer = models.CharField(_("is"), max_length=60, blank=True)

    class Meta:
        ordering = ["type", "position"]
        constraints = [
            models.UniqueConstraint(fields=["type", "code"], name="one_checklist_item_per_code")
        ]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self):
        return self.name

    def applies_to(self, answers):
        return not self.when_question or answers.get(self.when_question) == self.when_answer


def reference_code_new():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class ReferenceCode(models.Model):
    """A personal reference code: the questionnaire's answers, kept 60 days for one draft."""

    code = models.CharField(_("code"), max_length=CODE_LENGTH, unique=True)
    type = models.ForeignKey(ApplicationType, on_delete=models.CASCADE, verbose_name=_("type"))
    answers = models.JSONField(_("answers"), default=dict)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal reference code")
        verbose_name_plural = _("personal reference codes")

    def __str__(self):
        return self.code_display

    @property
    def code_display(self):
        return f"{self.code[:5]}-{self.code[5:]}"


def document_path(instance, filename):
    """A random name: nothing about the applicant or the file shows in storage."""
    return f"drafts/{uuid.uuid4().hex}{filename[filename.rfind('.') :]}"


class Draft(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="drafts",
        verbose_name=_("account"),
    )
    type = models.ForeignKey(ApplicationType, on_delete=models.PROTECT, verbose_name=_("type"))
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.DRAFT)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    eligibility = models.JSONField(_("questionnaire answers"), default=dict, blank=True)
    sections_done = models.JSONField(default=list, blank=True)
    reference_code = models.OneToOneField(
        ReferenceCode, on_delete=models.SET_NULL, null=True, blank=True, related_name="draft"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now, db_index=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    declaration_name = models.CharField(_("declaration signed by"), max_length=200, blank=True)
    # Set by the fees app (payments) from a verified payment, never from the browser.
    fee_paid_at = models.DateTimeField(_("fee paid"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    application = models.OneToOneField(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="online_draft",
        verbose_name=_("application"),
    )

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["account", "state", "-updated_at"])]
        verbose_name = _("online application")
        verbose_name_plural = _("online applications")

    def __str__(self):
        return f"{self.type} ({self.get_state_display()})"

    @property
    def deleted_on(self):
        return timezone.localdate(self.updated_at + DRAFT_LIFETIME)

    @property
    def is_editable(self):
        return self.state == self.State.DRAFT


class DraftDocument(models.Model):
    draft = models.ForeignKey(
        Draft, on_delete=models.CASCADE, related_name="documents", verbose_name=_("draft")
    )
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("document")
    )
    file = models.FileField(_("file"), upload_to=document_path, storage=documents_storage)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now=True)

    class Meta:
        ordering = ["item__position"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "item"], name="one_file_per_checklist_item")
        ]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.original_name


class NumberAllocation(models.Model):
    """One row per application number handed out: an auto-incremented key is never reused."""

    allocated_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return str(self.pk)
