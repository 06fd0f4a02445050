import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.files import documents_storage

APPLICATION_NUMBER = RegexValidator(
    r"^[A-Z][0-9]{9}$", _("An application number is one letter followed by nine digits.")
)
UCI = RegexValidator(r"^([0-9]{8}|[0-9]{10})$", _("A UCI is 8 or 10 digits."))


class ApplicationType(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    online = models.BooleanField(
        _("applications accepted online"),
        default=False,
        help_text=_("Offered under “Start an application” once its form and checklist are ready."),
    )
    fee = models.DecimalField(_("fee (CAD)"), max_digits=8, decimal_places=2, default=0)
    number_letter = models.CharField(
        _("first letter of its application numbers"),
        max_length=1,
        default="E",
        validators=[RegexValidator(r"^[A-Z]$", _("One capital letter."))],
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("application type")
        verbose_name_plural = _("application types")

    def __str__(self):
        return self.name


class Application(models.Model):
    """An application received by IRCC (paper or another channel), which an applicant links."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        IN_PROGRESS = "in_progress", _("In progress")
        DECISION_MADE = "decision_made", _("Decision made")

    number = models.CharField(
        _("application number"), max_length=10, unique=True, validators=[APPLICATION_NUMBER]
    )
    uci = models.CharField(_("UCI"), max_length=10, db_index=True, validators=[UCI])
    type = models.ForeignKey(ApplicationType, on_delete=models.PROTECT, verbose_name=_("type"))
    received_on = models.DateField(_("date received"))
    family_name = models.CharField(_("family name"), max_length=100)
    given_names = models.CharField(_("given name(s)"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.SUBMITTED)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("linked account"),
    )
    linked_at = models.DateTimeField(_("linked"), null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "number"]
        indexes = [models.Index(fields=["account", "-received_on"])]
        permissions = [("unlink_application", _("Can unlink an application from an account"))]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self):
        return self.number

    @property
    def uci_display(self):
        if len(self.uci) == 8:
            return f"{self.uci[:4]}-{self.uci[4:]}"
        return f"{self.uci[:2]}-{self.uci[2:6]}-{self.uci[6:]}"


class Step(models.Model):
    class Kind(models.TextChoices):
        ELIGIBILITY = "eligibility", _("Review of eligibility")
        MEDICAL = "medical", _("Medical results")
        DOCUMENTS = "documents", _("Additional documents")
        INTERVIEW = "interview", _("Interview")
        BIOMETRICS = "biometrics", _("Biometrics")
        BACKGROUND = "background", _("Background check")
        FINAL_DECISION = "final_decision", _("Final decision")

    class State(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    ORDER = list(Kind.values)
    # Shown to the applicant only once staff have processed them (as the sign-in page says).
    SHOWN_ONCE_PROCESSED = {Kind.MEDICAL, Kind.BIOMETRICS}

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=20, choices=Kind)
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.NOT_STARTED)
    updated_on = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="one_step_per_kind")
        ]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self):
        return self.get_kind_display()

    @property
    def shown_to_applicant(self):
        if self.kind in self.SHOWN_ONCE_PROCESSED:
            return self.state in (self.State.COMPLETED, self.State.NOT_APPLICABLE)
        return True

    @property
    def sort_key(self):
        return self.ORDER.index(self.kind)


class StepChange(models.Model):
    """The history of a step, kept for case officers."""

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="changes")
    old_state = models.CharField(_("from"), max_length=20, choices=Step.State)
    new_state = models.CharField(_("to"), max_length=20, choices=Step.State)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)
    message = models.ForeignKey(
        "Message", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("message sent")
    )

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("step change")
        verbose_name_plural = _("step changes")

    def __str__(self):
        return f"{self.step}: {self.old_state} → {self.new_state}"


def letter_path(instance, filename):
    """A random name: nothing about the applicant or the letter shows in storage."""
    return f"letters/{uuid.uuid4().hex}.pdf"


class Message(models.Model):
    """A message about an application, written by staff in both languages."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    allows_reply = models.BooleanField(_("the applicant may reply"), default=False)
    # A PDF from IRCC, rebuilt when uploaded, kept privately: handed out only to the applicant
    # (and to staff through the admin), never from a public address.
    letter = models.FileField(
        _("letter"), upload_to=letter_path, storage=documents_storage, blank=True
    )
    letter_name = models.CharField(_("letter file name"), max_length=200, blank=True)
    letter_size = models.PositiveIntegerField(_("letter size"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return self.subject


class MessageReply(models.Model):
    """The applicant's answer to a message that allows replies, stored redacted."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="replies", verbose_name=_("message")
    )
    body = models.TextField(_("reply (redacted)"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    # When a case officer first opened the message's thread in the admin.
    read_at = models.DateTimeField(_("read by IRCC"), null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "id"]
        indexes = [models.Index(fields=["message", "sent_at"])]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self):
        return f"{self.message_id} {self.sent_at:%Y-%m-%d %H:%M}"


class LinkAttempt(models.Model):
    """A failed try to link an application, counted per account and per application named.

    Counting per application too means that guessing one person's file from many accounts locks
    that file as surely as guessing from one account locks the account.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="link_attempts"
    )
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["user", "-at"]),
            models.Index(fields=["application", "-at"]),
        ]

    def __str__(self):
        return f"{self.user_id} {self.at:%Y-%m-%d %H:%M}"


class LinkChange(models.Model):
    """Who linked an application to which account, or unlinked it, when and why."""

    class Action(models.TextChoices):
        LINKED = "linked", _("Linked by the applicant")
        UNLINKED = "unlinked", _("Unlinked by IRCC")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="link_changes"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("account"),
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("link change")
        verbose_name_plural = _("link changes")

    def __str__(self):
        return f"{self.application_id} {self.action} {self.at:%Y-%m-%d}"
