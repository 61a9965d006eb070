"""Logging in with MitID through an OpenID Connect broker, and the Test-MitID for development.

The broker (NemLog-in's or a commercial MitID broker) is configured by three environment
variables: the issuer, the client id and the client secret. Its endpoints come from its
discovery document, so operators never copy URLs by hand. The ID token is checked for
signature (the broker's published keys), issuer, audience, expiry and nonce, and the flow
uses PKCE. The CPR number from the broker is the citizen's identity (docs/citizen-login.md).
"""

import logging
from functools import cache

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

# Django settings that mozilla-django-oidc reads, and where the discovery document has them.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
SESSION_REFUSAL = "enplan_mitid_refusal"
logger = logging.getLogger(__name__)


def mitid_configured() -> bool:
    return bool(settings.ENPLAN_MITID_ISSUER and settings.OIDC_RP_CLIENT_ID)


def test_mitid_allowed() -> bool:
    """Test-MitID lets anyone log in as any citizen: only on a developer's machine."""
    return bool(settings.ENPLAN_TEST_MITID and settings.DEBUG and not settings.PRODUCTION)


@cache
def discovery(issuer: str) -> dict:
    response = requests.get(
        f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT
    )
    response.raise_for_status()
    document = response.json()
    # OpenID Connect Discovery 1.0, section 4.3: the document must be the issuer's own.
    if document.get("issuer", "").rstrip("/") != issuer:
        raise ImproperlyConfigured("The MitID broker's discovery document names another issuer.")
    return document


def mitid_setting(attr, *args):
    if attr in DISCOVERED:
        return discovery(settings.ENPLAN_MITID_ISSUER)[DISCOVERED[attr]]
    return import_from_settings(attr, *args)


class MitIDBackend(OIDCAuthenticationBackend):
    """Authenticates a citizen from the broker's answer; never a professional."""

    get_settings = staticmethod(mitid_setting)

    def __init__(self, *args, **kwargs):
        # Django builds every backend for every login, the professionals' too: the broker
        # is contacted only when a MitID answer actually arrives.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if request is None or "code" not in request.GET or not mitid_configured():
            return None
        super().__init__()
        try:
            return super().authenticate(request, **kwargs)
        except SuspiciousOperation as error:
            # A token that fails a check is a failed login, not a server error.
            logger.warning("MitID login refused: %s", error)
        except requests.RequestException as error:
            logger.error("The MitID broker did not answer: %s", error)
            request.session[SESSION_REFUSAL] = "broker"
        return None

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss", "").rstrip("/") != settings.ENPLAN_MITID_ISSUER:
            raise SuspiciousOperation("The ID token was issued by someone else.")
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token was issued for another client.")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        from enplan.citizen.services import CitizenLoginRefused, citizen_user_for_login

        claims = dict(payload)
        claims.update(self.get_userinfo(access_token, id_token, payload))
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The user info belongs to another person.")
        number = str(claims.get(settings.ENPLAN_MITID_CPR_CLAIM) or "")
        if not number:
            raise SuspiciousOperation("The broker sent no CPR number.")
        try:
            return citizen_user_for_login(cpr_number=number)
        except CitizenLoginRefused as refusal:
            self.request.session[SESSION_REFUSAL] = refusal.reason
            return None

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.role == "citizen" else None


class MitIDLoginView(OIDCAuthenticationRequestView):
    get_settings = staticmethod(mitid_setting)

    def __init__(self, *args, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request):
        if not mitid_configured():
            raise Http404
        self.OIDC_OP_AUTH_ENDPOINT = mitid_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        request.session.pop(SESSION_REFUSAL, None)
        return super().get(request)


class MitIDCallbackView(OIDCAuthenticationCallbackView):
    get_settings = staticmethod(mitid_setting)

    @property
    def failure_url(self):
        return reverse("citizen:login") + "?fejl=1"

    @property
    def success_url(self):
        next_url = self.request.session.get("oidc_login_next", None)
        return next_url or reverse("citizen:home")
