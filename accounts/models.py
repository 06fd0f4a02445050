from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """The portal's user: the secure account and its profile.

    ``username`` is the GCKey-style username; ``email`` is the recovery address, which is also
    the contact address of the profile.
    """

    given_names = models.CharField(_("given name(s)"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=settings.LANGUAGES, blank=True
    )
    profile_completed_at = models.DateTimeField(_("profile completed"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("username"), name="accounts_user_username_ci_unique"),
        ]

    @property
    def has_complete_profile(self):
        return self.profile_completed_at is not None

    @property
    def display_name(self):
        return " ".join(part for part in (self.given_names, self.family_name) if part) or (
            self.username
        )


class SecurityEvent(models.Model):
    """One line of an applicant's security activity. Never a password or a code."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in attempt")
        SIGNED_OUT = "signed_out", _("Signed out")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        PASSWORD_RESET = "password_reset", _("Password reset by email")
        MFA_ADDED = "mfa_added", _("Two-step verification method added")
        MFA_REMOVED = "mfa_removed", _("Two-step verification method removed")
        RECOVERY_CODES = "recovery_codes", _("New recovery codes created")
        PROFILE_UPDATED = "profile_updated", _("Profile updated")
        APPLICATION_LINKED = "application_linked", _("Application linked to the account")
        LINKING_FAILED = "linking_failed", _("Failed attempt to link an application")
        SIGNED_IN_PARTNER = "signed_in_partner", _("Signed in with a Sign-In Partner")
        PARTNER_ADDED = "partner_added", _("Sign-In Partner added")
        PARTNER_REMOVED = "partner_removed", _("Sign-In Partner removed")
        PARTNER_FAILED = "partner_failed", _("Sign-In Partner could not be used")
        GCKEY_ADDED = "gckey_added", _("GCKey username and password added")
        GCKEY_REMOVED = "gckey_removed", _("GCKey username and password removed")
        APPLICATION_UNLINKED = "application_unlinked", _("Application unlinked by IRCC")
        MFA_FAILED = "mfa_failed", _("Wrong verification code")
        NEW_BROWSER = "new_browser", _("Signed in from a new browser")
        EMAIL_CHANGED = "email_changed", _("Recovery email changed")
        SESSIONS_ENDED = "sessions_ended", _("Every session ended (“This wasn’t me”)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="security_events"
    )
    kind = models.CharField(_("event"), max_length=30, choices=Kind)
    detail = models.CharField(_("detail"), max_length=100, blank=True)
    user_agent = models.CharField(_("device"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"])]
        verbose_name = _("security event")
        verbose_name_plural = _("security events")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"
