"""Writes about the integrating systems themselves: issuing a client and keeping the
system's user and professional record in step with it."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import get_application_model

from enplan.api.models import IntegrationSystem, Scope
from enplan.core.access import check_same_municipality
from enplan.core.models import Role, User
from enplan.organisation.models import Department, Professional


@dataclass(frozen=True)
class IssuedClient:
    system: IntegrationSystem
    client_id: str
    # Shown once, when the client is issued: only its hash is stored.
    client_secret: str


def _check_scopes(scopes) -> list[str]:
    unknown = set(scopes) - set(Scope.values)
    if unknown:
        raise ValidationError({"scopes": _("Unknown scope: %s") % ", ".join(sorted(unknown))})
    return [s for s in Scope.values if s in scopes]


@transaction.atomic
def integration_system_create(
    *,
    municipality,
    department: Department,
    name: str,
    scopes=(Scope.READ,),
    requests_per_minute: int = 120,
) -> IssuedClient:
    """Issue an OAuth client (client credentials) to a department's system.

    The system gets a user of its own, which can never log in with a password, and a
    professional record in its department: the access rules ask about that professional.
    """
    if department.municipality_id != municipality.pk:
        raise ValidationError(_("That choice does not belong to this municipality."))
    scopes = _check_scopes(scopes)
    user = User(
        username=f"system-{get_random_string(12).lower()}",
        first_name=name[:150],
        municipality=municipality,
        role=Role.SYSTEM,
    )
    user.set_unusable_password()
    user.save()
    professional = Professional.objects.create(
        municipality=municipality,
        user=user,
        name=name,
        title=name,
        department=department,
    )
    secret = generate_client_secret()
    application = get_application_model().objects.create(
        name=name,
        client_type="confidential",
        authorization_grant_type="client-credentials",
        client_secret=secret,
    )
    system = IntegrationSystem.objects.create(
        municipality=municipality,
        department=department,
        name=name,
        scopes=scopes,
        requests_per_minute=requests_per_minute,
        application=application,
        user=user,
        professional=professional,
    )
    return IssuedClient(system=system, client_id=application.client_id, client_secret=secret)


@transaction.atomic
def integration_system_update(*, system: IntegrationSystem) -> IntegrationSystem:
    """After the administrator changed the system: its name, department and whether it is
    active reach the user and professional behind it, so the rules and the log follow.
    Deactivating a system also revokes its tokens."""
    check_same_municipality(system, system.department)
    system.scopes = _check_scopes(system.scopes)
    system.save()
    Professional.objects.filter(pk=system.professional_id).update(
        name=system.name,
        title=system.name,
        department=system.department,
        is_active=system.is_active,
    )
    User.objects.filter(pk=system.user_id).update(
        first_name=system.name[:150], is_active=system.is_active
    )
    application = system.application
    application.name = system.name
    application.save(update_fields=["name"])
    if not system.is_active:
        application.accesstoken_set.all().delete()
    return system
