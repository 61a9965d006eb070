"""Who may use which identity provider's login: only an active provider, for its own side
(staff or citizens); anything else is not there (404)."""

from django.http import Http404

from enplan.core.models import AnyUser, Role
from enplan.sso.models import IdentityProvider


def provider_or_404(
    slug: str, *, audience: str | None = None, protocol: str | None = None
) -> IdentityProvider:
    providers = IdentityProvider.objects.select_related("municipality").filter(
        slug=slug, is_active=True
    )
    if audience is not None:
        providers = providers.filter(audience=audience)
    if protocol is not None:
        providers = providers.filter(protocol=protocol)
    provider = providers.first()
    if provider is None:
        raise Http404
    return provider


def may_use_staff_login(user: AnyUser) -> bool:
    """An SSO login never hands a staff session to a citizen or a system account."""
    return bool(user.is_active) and getattr(user, "role", None) in (
        Role.PROFESSIONAL,
        Role.LEADER,
        Role.ADMIN,
    )
