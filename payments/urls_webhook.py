"""The provider's webhook: no language prefix, no session, no CSRF token (it is signed)."""

from django.urls import path

from payments import views

urlpatterns = [path("payments/webhook/", views.payment_webhook, name="payment_webhook")]
