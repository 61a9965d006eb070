"""Who is calling: a department's system, with an OAuth 2.0 client-credentials token.

The token names the OAuth client; the client is an `IntegrationSystem`, whose user and
professional record the access rules, the services and the audit trail work with. The
system can never log in with a password, and a staff user's own scripts get no token.
"""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ninja.security import HttpBearer
from oauth2_provider.models import get_access_token_model

from enplan.api.models import IntegrationSystem
from enplan.core import access as core_access
from enplan.core.models import User


@dataclass(frozen=True)
class ApiClient:
    system: IntegrationSystem
    scopes: frozenset[str]

    @property
    def user(self) -> User:
        return self.system.user

    def require(self, scope: str) -> None:
        """403 unless the token was issued with `scope` and the system still has it."""
        if scope not in self.scopes:
            raise PermissionDenied


class SystemToken(HttpBearer):
    """`Authorization: Bearer <access token>` from `/api/oauth/token/`."""

    def authenticate(self, request, token: str) -> ApiClient | None:
        access_token = (
            get_access_token_model()
            .objects.filter(
                token_checksum=hashlib.sha256(token.encode("utf-8")).hexdigest(),
                expires__gt=timezone.now(),
                application__isnull=False,
            )
            .only("scope", "application_id")
            .first()
        )
        if access_token is None:
            return None
        system = (
            IntegrationSystem.objects.select_related(
                "user", "professional__department__area", "professional__profession"
            )
            .filter(application_id=access_token.application_id, is_active=True)
            .first()
        )
        if system is None or not system.user.is_active:
            return None
        user = system.user
        # The access rules ask for the professional behind the user on every call.
        core_access.remembered(user, "professional", lambda: system.professional)
        # The history of what the system changes names the system (the edit-conflict report).
        request.user = user
        granted = set(access_token.scope.split()) & set(system.scopes)
        return ApiClient(system=system, scopes=frozenset(granted))
