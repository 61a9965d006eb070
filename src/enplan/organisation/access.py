"""Who a logged-in user is in the organisation: the professional behind a caseworker's
login, which every rule about plans starts from, and how the audit trail names them."""

from django.db.models import QuerySet
from django.http import Http404

from enplan.core import access as core_access
from enplan.core import audit
from enplan.core.models import AnyUser, Role, User
from enplan.organisation.models import Professional


def professional_of(user: AnyUser) -> Professional | None:
    """The professional record behind a logged-in case worker, or None.

    Fetched once per request with its department and area, because both the access rules
    and the audit trail need them.
    """
    # A department's system is a professional of its department, too (`core.access.is_system`).
    if not user.is_authenticated or not user.municipality_id:
        return None
    if user.role not in (Role.PROFESSIONAL, Role.SYSTEM):
        return None
    return core_access.remembered(
        user,
        "professional",
        lambda: (
            Professional.objects.select_related("department__area", "profession")
            .filter(user=user, municipality_id=core_access.scope_of(user), is_active=True)
            .first()
        ),
    )


def people_to_choose(municipality_id) -> QuerySet[Professional]:
    """The active professionals a form may offer (responsible, coordinator, network): the
    people, never a department's system (`core.access.is_system`), which acts for its
    department but is nobody's caseworker."""
    return Professional.objects.filter(municipality_id=municipality_id, is_active=True).exclude(
        user__role=Role.SYSTEM
    )


def coordinators_to_choose(municipality_id) -> QuerySet[Professional]:
    """Who a plan may be handed over to: an active professional with an active login who
    works with cases. A team leader, an administrator, a key holder or a department's
    system would be handed a plan none of them may open (`professional_of`)."""
    return people_to_choose(municipality_id).filter(
        user__is_active=True, user__role=Role.PROFESSIONAL
    )


def can_coordinate(professional: Professional) -> bool:
    return coordinators_to_choose(professional.municipality_id).filter(pk=professional.pk).exists()


def works_with_cases(user: AnyUser) -> bool:
    return professional_of(user) is not None


def professional_or_404(user: AnyUser) -> None:
    if not works_with_cases(user):
        raise Http404


def audit_description(user: User) -> tuple[str, str]:
    """The role and organisation an audit event keeps for `user`, as they are today: the
    citizen's log must show who the person was then, not what they have become since."""
    professional = professional_of(user)
    if professional is None:
        return audit.role_label(user), ""
    role = professional.title or (professional.profession.name if professional.profession else "")
    organisation = professional.workplace
    if professional.department is not None:
        organisation = f"{professional.department.name}, {professional.department.area.name}"
    return role or audit.role_label(user), organisation
