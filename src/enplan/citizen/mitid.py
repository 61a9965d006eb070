"""Logging in with MitID through an OpenID Connect broker, and the Test-MitID for development.

The broker (NemLog-in's or a commercial MitID broker) is configured by three environment
variables: the issuer, the client id and the client secret. Its endpoints come from its
discovery document, so operators never copy URLs by hand. The ID token is checked for
signature (the broker's published keys), issuer, audience, expiry and nonce, the flow
uses PKCE, and the login's NSIS level must be at least Substantial when the broker sends
it. The CPR number from the broker is the citizen's identity (docs/citizen-login.md).

Whatever goes wrong between the browser, the broker and Én plan, the citizen lands on the
login page with a plain message (`REFUSALS` in `views.py`), never on an error page:
the reason is put in the session under `SESSION_REFUSAL`.
"""

import logging
from functools import cache
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404, HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from enplan.citizen import assurance

# Django settings that mozilla-django-oidc reads, and where the discovery document has them.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
SESSION_REFUSAL = "enplan_mitid_refusal"
# Where mozilla-django-oidc keeps the ID token (OIDC_STORE_ID_TOKEN): the hint for logging
# out at the broker.
SESSION_ID_TOKEN = "oidc_id_token"
# Where a login through another provider (NemLog-in, `enplan.sso`) is logged out: the
# citizen's logout button carries on there, so the provider ends its session too.
SESSION_LOGOUT_VIA = "enplan_logout_via"
logger = logging.getLogger(__name__)

# What can fail on the way from the broker, and what each failure tells the citizen.
BROKER_DOWN = (requests.RequestException, ImproperlyConfigured)
# A broker's answer that is not what the protocol says (a missing field, a wrong type).
MALFORMED = (KeyError, TypeError, ValueError)


class MitIDRefused(Exception):
    """The broker vouched for the person, but not in a way Én plan accepts."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


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


def refuse(request: HttpRequest, reason: str) -> None:
    request.session[SESSION_REFUSAL] = reason


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
        try:
            super().__init__()
            return super().authenticate(request, **kwargs)
        except MitIDRefused as refusal:
            logger.warning("MitID login refused: %s", refusal.reason)
            refuse(request, refusal.reason)
        except jwt.ExpiredSignatureError:
            # The citizen took too long, or the clocks disagree: trying again helps.
            logger.warning("MitID login refused: the ID token has expired.")
            refuse(request, "expired")
        except (SuspiciousOperation, jwt.PyJWTError) as error:
            # A token that fails a check is a failed login, not a server error.
            logger.warning("MitID login refused: %s", error)
            refuse(request, "failed")
        except requests.HTTPError as error:
            status = error.response.status_code if error.response is not None else 0
            if 400 <= status < 500:
                # The broker refused the code: used before, expired, or not ours (PKCE).
                logger.warning("The MitID broker refused the code: %s", error)
                refuse(request, "failed")
            else:
                logger.error("The MitID broker did not answer: %s", error)
                refuse(request, "broker")
        except BROKER_DOWN as error:
            logger.error("The MitID broker did not answer: %s", error)
            refuse(request, "broker")
        except MALFORMED:
            logger.exception("The MitID broker's answer could not be read.")
            refuse(request, "failed")
        return None

    def _verify_jws(self, payload, key):
        """The signature, and the ID token's claims that OpenID Connect Core 3.1.3.7 asks
        a client to check, by PyJWT: issuer, audience, expiry, issued-at, not-before."""
        alg = jwt.get_unverified_header(payload).get("alg")
        if alg != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("The ID token is signed with another algorithm.")
        issuer = settings.ENPLAN_MITID_ISSUER
        claims = jwt.decode(
            payload,
            key,
            algorithms=[alg],
            audience=settings.OIDC_RP_CLIENT_ID,
            issuer=[issuer, f"{issuer}/"],
            leeway=settings.ENPLAN_MITID_CLOCK_SKEW,
            options={"require": ["iss", "aud", "exp", "iat", "sub"]},
        )
        audience = claims["aud"]
        several = isinstance(audience, list) and len(audience) > 1
        if several and claims.get("azp") != settings.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("The ID token was issued for another client.")
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        from enplan.citizen.services import CitizenLoginRefused, citizen_user_for_login

        claims = dict(payload)
        claims.update(self.get_userinfo(access_token, id_token, payload))
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The user info belongs to another person.")
        level = (
            claims.get(settings.ENPLAN_MITID_LOA_CLAIM) if settings.ENPLAN_MITID_LOA_CLAIM else None
        )
        if level is not None and not assurance.is_enough(level):
            raise MitIDRefused("level")
        number = str(claims.get(settings.ENPLAN_MITID_CPR_CLAIM) or "")
        if not number:
            raise SuspiciousOperation("The broker sent no CPR number.")
        try:
            return citizen_user_for_login(cpr_number=number)
        except CitizenLoginRefused as refusal:
            raise MitIDRefused(refusal.reason) from None

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
        request.session.pop(SESSION_REFUSAL, None)
        try:
            self.OIDC_OP_AUTH_ENDPOINT = mitid_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except (*BROKER_DOWN, *MALFORMED) as error:
            logger.error("The MitID broker did not answer: %s", error)
            refuse(request, "broker")
            return redirect(reverse("citizen:login") + "?fejl=1")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)

    def get_extra_params(self, request):
        params = dict(super().get_extra_params(request))
        if settings.ENPLAN_MITID_ACR_VALUES:
            params["acr_values"] = settings.ENPLAN_MITID_ACR_VALUES
        return params


class MitIDCallbackView(OIDCAuthenticationCallbackView):
    get_settings = staticmethod(mitid_setting)

    @property
    def failure_url(self):
        return reverse("citizen:login") + "?fejl=1"

    @property
    def success_url(self):
        next_url = self.request.session.get("oidc_login_next", None)
        return next_url or reverse("citizen:home")

    def get(self, request):
        if request.GET.get("error"):
            # The citizen cancelled at the broker (access_denied), or the broker gave up.
            logger.info("The MitID broker answered: %s", request.GET.get("error"))
            refuse(request, "cancelled" if request.GET["error"] == "access_denied" else "failed")
        try:
            return super().get(request)
        except SuspiciousOperation as error:
            # A `state` this browser never started: tampered with, used twice (the back
            # button), or from a login begun in another browser.
            logger.warning("MitID login refused: %s", error)
            refuse(request, "failed")
            return self.login_failure()


def logout_url_at_broker(request: HttpRequest, id_token: str) -> str | None:
    """Where to send the browser so that the broker, too, forgets the citizen (OpenID
    Connect RP-Initiated Logout 1.0), or None if the broker offers no such endpoint."""
    if not (id_token and mitid_configured()):
        return None
    try:
        endpoint = discovery(settings.ENPLAN_MITID_ISSUER).get("end_session_endpoint")
    except (*BROKER_DOWN, *MALFORMED) as error:
        logger.error("The MitID broker did not answer at logout: %s", error)
        return None
    if not endpoint:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("citizen:logged_out")),
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
