"""Reads: which logins the login pages offer."""

from django.utils.translation import gettext_lazy as _

from enplan.core.sections import Section
from enplan.sso.models import IdentityProvider


def active_providers(*, audience: str) -> list[IdentityProvider]:
    return list(
        IdentityProvider.objects.filter(audience=audience, is_active=True)
        .select_related("municipality")
        .order_by("municipality__name", "name")
    )


def login_sections(*, audience: str) -> list[Section]:
    providers = active_providers(audience=audience)
    if not providers:
        return []
    return [
        Section(
            key=f"sso-{audience}",
            title=_("Log in with your organisation's login"),
            template=f"sso/_{audience}_login_buttons.html",
            order=10,
            context={"providers": providers, "several": len(providers) > 1},
        )
    ]
