"""The portal's side of Sign-In Partner: allauth's OpenID Connect provider, made stricter.

allauth's provider neither sends a nonce nor checks the id_token's signature when the token comes
from the token endpoint. PartnerProvider and PartnerOAuth2Adapter add both; settings point
``SOCIALACCOUNT_PROVIDERS["openid_connect"]["provider_class"]`` here, and this package's
``urls.py`` takes the place of the stock provider's, so the stock callback is never mounted.
"""
