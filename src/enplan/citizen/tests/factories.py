"""Citizens with a login, and a household with the family relations the rules are about."""

import itertools
from dataclasses import dataclass

from enplan.core.demo import born, demo_cpr
from enplan.core.models import Role
from enplan.core.tests.factories import UserFactory
from enplan.organisation.tests.factories import DepartmentFactory, ProfessionalFactory
from enplan.plans.models import Citizen, MemberRole, PlanKind
from enplan.plans.tests.factories import (
    ActorFactory,
    ConsentFactory,
    PlanFactory,
    PlanMemberFactory,
)

_serial = itertools.count(500, 7)


def citizen_of_age(municipality, age: int, first_name: str, last_name="Holm") -> Citizen:
    number = next(_serial)
    return Citizen.objects.create(
        municipality=municipality,
        cpr=demo_cpr(born(age, 20 + number % 200), number),
        first_name=first_name,
        last_name=last_name,
    )


def with_login(member):
    """Give the member's citizen a login, as their first MitID login would."""
    citizen = member.citizen
    if citizen.user is None:
        citizen.user = UserFactory(
            municipality=citizen.municipality,
            role=Role.CITIZEN,
            first_name=citizen.first_name,
            last_name=citizen.last_name,
        )
        citizen.save(update_fields=["user"])
    return citizen.user


@dataclass
class Family:
    municipality: object
    department: object
    other_department: object
    coordinator: object
    actor: object  # active actor in `department`, which the mother's consent covers
    plan: object
    mother: object  # 38, custody of teen and child
    partner: object  # 35, custody of the child only
    teen: object  # 16, custody: mother
    child: object  # 9, custody: mother and partner

    def user(self, member):
        return with_login(member)


def make_family(world) -> Family:
    m = world.municipality
    plan = PlanFactory(
        coordinator=world.coordinator, kind=PlanKind.HOUSEHOLD, title="Familien Holm"
    )

    def member(age, name, role, order):
        return PlanMemberFactory(
            plan=plan, citizen=citizen_of_age(m, age, name), role=role, order=order
        )

    mother = member(38, "Mona", MemberRole.PARENT, 0)
    partner = member(35, "Peter", MemberRole.PARTNER, 1)
    teen = member(16, "Tilde", MemberRole.CHILD, 2)
    child = member(9, "Carl", MemberRole.CHILD, 3)
    teen.custodians.set([mother])
    child.custodians.set([mother, partner])
    ActorFactory(plan=plan, professional=world.actor)
    ConsentFactory(
        plan=plan,
        given_by=mother,
        covers=[mother, teen, child],
        departments=[world.department],
    )
    return Family(
        municipality=m,
        department=world.department,
        other_department=world.other_department,
        coordinator=world.coordinator,
        actor=world.actor,
        plan=plan,
        mother=mother,
        partner=partner,
        teen=teen,
        child=child,
    )


def other_department_professional(family):
    professional = ProfessionalFactory(department=DepartmentFactory(area=family.department.area))
    ActorFactory(plan=family.plan, professional=professional)
    return professional


def network_meeting(family, *, starts_at, invited=None, **fields):
    """A network meeting on the family's plan to which the mother is invited, as the
    meeting form requires (a network meeting invites the citizen)."""
    from enplan.meetings.models import Meeting, MeetingKind, Participant

    meeting = Meeting.objects.create(
        municipality=family.municipality,
        plan=family.plan,
        kind=MeetingKind.NETWORK,
        starts_at=starts_at,
        created_by=family.plan.created_by,
        **fields,
    )
    Participant.objects.create(
        municipality=family.municipality, meeting=meeting, member=invited or family.mother
    )
    return meeting
