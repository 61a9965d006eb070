"""Staff login through a municipality's OpenID Connect provider (Entra ID or another),
with mozilla-django-oidc: authorization code flow with PKCE, nonce and state, the ID token
checked by PyJWT against the provider's published keys.

Each municipality has its own provider (`IdentityProvider`), so the library's settings
are read from the provider's row instead of from Django's settings. All providers share
one callback address; the `state` says which provider the browser went to.
"""

import logging

import jwt
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from enplan.citizen.mitid import discovery
from enplan.sso import rights, services
from enplan.sso.models import IdentityProvider

logger = logging.getLogger(__name__)
# Which provider each outstanding `state` belongs to.
SESSION_STATES = "enplan_sso_oidc_states"


def provider_settings(provider: IdentityProvider) -> dict:
    document = discovery(provider.oidc_issuer.rstrip("/"))
    return {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": document["authorization_endpoint"],
        "OIDC_OP_TOKEN_ENDPOINT": document["token_endpoint"],
        "OIDC_OP_USER_ENDPOINT": document.get("userinfo_endpoint"),
        "OIDC_OP_JWKS_ENDPOINT": document["jwks_uri"],
        "OIDC_RP_CLIENT_ID": provider.oidc_client_id,
        "OIDC_RP_CLIENT_SECRET": provider.oidc_client_secret,
        "OIDC_RP_SCOPES": provider.oidc_scopes or "openid",
        "OIDC_RP_SIGN_ALGO": "RS256",
        "OIDC_RP_IDP_SIGN_KEY": None,
        "OIDC_USE_PKCE": True,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "sso:oidc_callback",
        "OIDC_STORE_ID_TOKEN": True,
    }


class ProviderSettings:
    """mozilla-django-oidc reads its settings through `get_settings`: here, the provider's."""

    provider_values: dict

    def get_settings(self, attr, *args):
        if attr in self.provider_values:
            return self.provider_values[attr]
        return import_from_settings(attr, *args)


class StaffOIDCLoginView(ProviderSettings, OIDCAuthenticationRequestView):
    def __init__(self, *, provider: IdentityProvider, **kwargs):
        self.provider = provider
        self.provider_values = provider_settings(provider)
        super().__init__(**kwargs)


class StaffOIDCBackend(ProviderSettings, OIDCAuthenticationBackend):
    """Used by the callback view alone, for the provider the `state` names; never asked
    by Django's login loop (it is not in AUTHENTICATION_BACKENDS)."""

    def __init__(self, provider: IdentityProvider):
        self.provider = provider
        self.provider_values = provider_settings(provider)
        super().__init__()

    def _verify_jws(self, payload, key):
        alg = jwt.get_unverified_header(payload).get("alg")
        if alg != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("The ID token is signed with another algorithm.")
        issuer = self.provider.oidc_issuer.rstrip("/")
        claims = jwt.decode(
            payload,
            key,
            algorithms=[alg],
            audience=self.provider.oidc_client_id,
            issuer=[issuer, f"{issuer}/"],
            leeway=settings.ENPLAN_SAML_CLOCK_SKEW,
            options={"require": ["iss", "aud", "exp", "iat", "sub"]},
        )
        audience = claims["aud"]
        if (
            isinstance(audience, list)
            and len(audience) > 1
            and claims.get("azp") != self.provider.oidc_client_id
        ):
            raise SuspiciousOperation("The ID token was issued for another client.")
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            info = self.get_userinfo(access_token, id_token, payload)
            if info.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("The user info belongs to another person.")
            claims.update(info)
        provider = self.provider
        held = rights.rights_from_claims(
            claims.get(provider.roles_claim),
            claims.get(provider.department_claim) if provider.department_claim else None,
        )
        # Entra ID's `oid` is the person's stable id across the tenant's applications;
        # another provider's `sub` is.
        subject = str(claims.get("oid") or claims["sub"])
        return services.staff_user_for_login(
            provider=provider,
            subject=subject,
            name=str(claims.get(provider.name_claim) or ""),
            email=str(claims.get(provider.email_claim) or ""),
            held=held,
        )


def logout_url(request, provider: IdentityProvider, *, id_token: str, done: str) -> str | None:
    """OpenID Connect RP-Initiated Logout 1.0 at the provider, or None if it offers none."""
    from urllib.parse import urlencode

    endpoint = discovery(provider.oidc_issuer.rstrip("/")).get("end_session_endpoint")
    if not (endpoint and id_token):
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": provider.oidc_client_id,
            "post_logout_redirect_uri": request.build_absolute_uri(done),
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
