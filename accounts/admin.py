from allauth.socialaccount.models import SocialApp, SocialToken
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import SecurityEvent, User

# The Sign-In Partner's registration is configuration (SOCIALACCOUNT_PROVIDERS), and its tokens
# are not stored (SOCIALACCOUNT_STORE_TOKENS = False): neither has anything to show staff.
for _model in (SocialApp, SocialToken):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "family_name", "given_names", "email", "is_staff", "last_login")
    search_fields = ("username", "family_name", "given_names", "email")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            _("Secure-account profile"),
            {
                "fields": (
                    "given_names",
                    "family_name",
                    "date_of_birth",
                    "preferred_language",
                    "profile_completed_at",
                )
            },
        ),
    )
    readonly_fields = ("profile_completed_at", "last_login", "date_joined")


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
