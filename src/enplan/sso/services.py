"""Writes at login: the staff user made or brought up to date from what the identity
provider says, deactivated when it no longer grants a right; used assertions recorded."""

import hashlib
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from enplan.core import audit
from enplan.core.models import Role, User
from enplan.organisation.models import Professional
from enplan.sso import rights
from enplan.sso.models import ExternalIdentity, IdentityProvider, RightMapping, SeenAssertion


class LoginRefused(Exception):
    def __init__(self, reason: str, user: User | None = None):
        super().__init__(reason)
        self.reason = reason  # a key of views.REFUSALS
        self.user = user


def mappings_of(provider: IdentityProvider) -> list[rights.Mapping]:
    return [
        rights.Mapping(right=m.right, scope=m.scope, role=m.role, department_id=m.department_id)
        for m in RightMapping.objects.filter(provider=provider)
    ]


def _username(provider: IdentityProvider, subject: str) -> str:
    # Not the person's name or e-mail: the username shows in logs and the admin.
    return f"{provider.slug}-{hashlib.sha256(subject.encode()).hexdigest()[:12]}"[:150]


def staff_user_for_login(
    *, provider: IdentityProvider, subject: str, name: str, email: str, held: list[rights.Held]
) -> User:
    """The user behind this identity at the provider, made at their first login and given
    the role and department their rights grant now. Without a mapped right the login is
    refused and the user, if known, is deactivated: the provider has taken the access away."""
    if not subject:
        raise LoginRefused("failed")
    outcome = _staff_login(provider=provider, subject=subject, name=name, email=email, held=held)
    if isinstance(outcome, LoginRefused):
        # Raised outside the transaction, so that the deactivation stays.
        raise outcome
    return outcome


@transaction.atomic
def _staff_login(
    *, provider: IdentityProvider, subject: str, name: str, email: str, held: list[rights.Held]
) -> User | LoginRefused:
    identity = (
        ExternalIdentity.objects.select_related("user")
        .select_for_update()
        .filter(provider=provider, subject=subject)
        .first()
    )
    granted = rights.grant(held, mappings_of(provider))
    if granted is None:
        if identity is not None:
            user = identity.user
            if user.is_active:
                user.is_active = False
                user.save(update_fields=["is_active"])
                Professional.objects.filter(user=user).update(is_active=False)
                identity.deactivated_by_provider = True
                identity.save(update_fields=["deactivated_by_provider"])
            return LoginRefused("no_rights", user=user)
        return LoginRefused("no_rights")
    first, _, last = name.strip().partition(" ")
    if identity is None:
        user = get_user_model()(
            username=_username(provider, subject), municipality_id=provider.municipality_id
        )
        user.set_unusable_password()
    else:
        user = identity.user
        if not user.is_active and not identity.deactivated_by_provider:
            # Deactivated by the municipality's administrator in Én plan.
            return LoginRefused("no_rights", user=user)
    if user.role in (Role.CITIZEN, Role.SYSTEM, Role.KEY_HOLDER):
        # An identity linked by hand to an account that must not get a staff role.
        return LoginRefused("failed")
    user.role = granted.role
    user.is_staff = granted.role == Role.ADMIN
    user.is_active = True
    user.first_name, user.last_name = first[:150], last[:150]
    user.email = email[:254]
    user.save()
    if identity is None:
        identity = ExternalIdentity.objects.create(
            municipality_id=provider.municipality_id, provider=provider, subject=subject, user=user
        )
    identity.last_login = timezone.now()
    identity.deactivated_by_provider = False
    identity.save(update_fields=["last_login", "deactivated_by_provider"])
    professional = Professional.objects.filter(user=user).first() or Professional(
        user=user, municipality_id=provider.municipality_id
    )
    professional.name = name.strip()[:150] or user.username
    professional.email = email[:254]
    professional.department_id = granted.department_id
    professional.is_active = True
    professional.save()
    return user


def sign_in_record(*, provider: IdentityProvider, user: User | None, event: str, path: str) -> None:
    """A login, logout or refusal through this provider, in the audit trail."""
    audit.record_sign_in(
        municipality_id=(user.municipality_id if user else None) or provider.municipality_id,
        user=user,
        event=event,
        how=f"{provider.protocol}:{provider.slug}",
        path=path,
    )


def assertion_use(*, assertion_id: str, expires_at: datetime) -> bool:
    """Records that an assertion was used; False if it had been used before (a replay)."""
    SeenAssertion.objects.filter(expires_at__lt=timezone.now()).delete()
    try:
        with transaction.atomic():
            SeenAssertion.objects.create(assertion_id=assertion_id, expires_at=expires_at)
    except IntegrityError:
        return False
    return True
