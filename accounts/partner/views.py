import logging

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from django.conf import settings
from django.http import Http404

from accounts.partner.provider import PartnerOAuth2Adapter

logger = logging.getLogger(__name__)


class PartnerCallbackView(OAuth2CallbackView):
    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except (KeyError, ValueError, TypeError, AttributeError) as error:
            # A broker's answer that slipped past documents.py's checks: the bilingual error
            # page, as for any other failed partner sign-in; the log keeps what happened.
            logger.exception("Sign-In Partner: unusable answer from the broker")
            return render_authentication_error(
                request, self.adapter.get_provider(), exception=error
            )

    def _get_state(self, request, provider):
        state, response = super()._get_state(request, provider)
        self.adapter.expected_nonce = (state or {}).get("nonce")
        return state, response


@login_not_required
def login(request, provider_id):
    try:
        return OAuth2LoginView.adapter_view(PartnerOAuth2Adapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


@login_not_required
def callback(request, provider_id):
    try:
        return PartnerCallbackView.adapter_view(PartnerOAuth2Adapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


@login_not_required
def partner_login(request):
    """Option 2 of the sign-in page, and "add a Sign-In Partner" in the security settings."""
    return login(request, provider_id=settings.PARTNER_OIDC_PROVIDER_ID)
