from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from allauth.usersessions.models import UserSession
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import SecurityEvent, User

# allauth's own admin pages, in its words, stay out of ours. The Sign-In Partner's registration
# is configuration (SOCIALACCOUNT_PROVIDERS) and its tokens are not stored; the recovery email
# and the partner link are shown on the account itself; sessions end through the applicant's
# "sign out of the other browsers" or a new password; authenticators get a page of ours below.
for _model in (SocialApp, SocialToken, SocialAccount, EmailAddress, UserSession, Authenticator):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)

PORTAL_APPS = ["accounts", "applications", "feedback", "portal", "helpcentre", "auth"]
_ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_label(permission):
    """A permission in the reader's language (Django stores its name in English)."""
    model = permission.content_type.model_class()
    action = permission.codename.split("_", 1)[0]
    if model is None or action not in _ACTIONS:
        return gettext(permission.name)  # a permission of ours: its name is in our catalogue
    app = model._meta.app_config.verbose_name
    return f"{app} | {_ACTIONS[action] % {'model': model._meta.verbose_name}}"


class PermissionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return permission_label(obj)


class TranslatedPermissionsMixin:
    """Permissions listed in the page's language, as plain checkboxes (Django's two-box widget
    fails WCAG: its icons carry prohibited ARIA attributes)."""

    filter_horizontal = ()

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in ("permissions", "user_permissions"):
            kwargs["form_class"] = PermissionChoiceField
            kwargs["widget"] = forms.CheckboxSelectMultiple
            # Only the portal's own models: allauth's and Django's internals are no staff task.
            kwargs["queryset"] = Permission.objects.filter(
                content_type__app_label__in=PORTAL_APPS
            ).select_related("content_type")
        elif db_field.name == "groups":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(TranslatedPermissionsMixin, DjangoGroupAdmin):
    pass


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    """Two-step verification methods: staff may remove one for an applicant who lost it."""

    list_display = ("user", "kind", "created", "last_used")
    list_filter = ("type",)
    search_fields = ("user__username", "user__family_name")
    list_select_related = ("user",)
    fields = ("user", "kind", "created", "last_used")
    readonly_fields = fields

    @admin.display(description=_("Kind"), ordering="type")
    def kind(self, authenticator):
        return {
            Authenticator.Type.TOTP: _("Authenticator app"),
            Authenticator.Type.RECOVERY_CODES: _("Recovery codes"),
            Authenticator.Type.WEBAUTHN: _("Security key or passkey"),
        }.get(authenticator.type, authenticator.type)

    @admin.display(description=_("Added"), ordering="created_at")
    def created(self, authenticator):
        return authenticator.created_at

    @admin.display(description=_("Last used"), ordering="last_used_at")
    def last_used(self, authenticator):
        return authenticator.last_used_at or _("Never")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(TranslatedPermissionsMixin, DjangoUserAdmin):
    list_display = ("username", "family_name", "given_names", "email", "is_staff", "last_login")
    search_fields = ("username", "family_name", "given_names", "email")
    fieldsets = (
        (None, {"fields": ("username",)}),
        *DjangoUserAdmin.fieldsets[1:],
        (
            _("Secure-account profile"),
            {
                "fields": (
                    "given_names",
                    "family_name",
                    "date_of_birth",
                    "preferred_language",
                    "profile_completed_at",
                    "partner",
                )
            },
        ),
    )
    readonly_fields = ("profile_completed_at", "last_login", "date_joined", "partner")

    def get_urls(self):
        # Passwords are the applicant's alone: reset by email, never set by staff.
        return [url for url in super().get_urls() if not str(url.pattern).endswith("password/")]

    @admin.display(description=_("Sign-In Partner"))
    def partner(self, user):
        account = user.socialaccount_set.order_by("date_joined").first()
        if account is None:
            return _("None")
        return _("Added on %(date)s") % {"date": account.date_joined.date().isoformat()}


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """Read-only: security activity is evidence, not something staff edit."""

    list_display = ("created_at", "user", "kind", "user_agent")
    list_filter = ("kind",)
    search_fields = ("user__username",)
    date_hierarchy = "created_at"
    list_select_related = ("user",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
