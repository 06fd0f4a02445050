from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal import health, views

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", include("payments.urls_webhook")),
]

# Staff sign in to the admin through allauth: the same rate limits and two-step verification.
admin.site.login = secure_admin_login(admin.site.login)

pages = [
    path("", views.language_root, name="language_root"),
    path(_("sign-in/"), views.signin, name="signin"),
    path("", include("accounts.urls")),
    path("", include("applications.urls")),
    path("", include("apply_online.urls")),
    path("", include("payments.urls")),
    path("", include("document_requests.urls")),
    path("", include("feedback.urls")),
    path("", include("helpcentre.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

if settings.PARTNER_STUB_ENABLED:
    # The demonstration bank broker, a separate party that happens to share this process.
    # Mounted by name: the site imports nothing of the stub.
    urlpatterns.append(path("", include("partner_stub.urls_protocol")))
    pages.append(path("", include("partner_stub.urls_pages")))

if settings.PAYMENT_STUB_ENABLED:
    # The demonstration payment provider: another separate party in this process.
    urlpatterns.append(path("", include("payment_stub.urls_protocol")))
    pages.append(path("", include("payment_stub.urls_pages")))

urlpatterns += i18n_patterns(*pages)

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
handler429 = "portal.views.too_many_requests"  # allauth's rate limits answer with this
