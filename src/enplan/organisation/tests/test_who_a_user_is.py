"""Who a logged-in user is in the organisation: the professional behind a caseworker's
login, which every rule about plans starts from, and how the audit trail names them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from enplan.core.models import Role
from enplan.core.tests.factories import MunicipalityFactory, UserFactory
from enplan.organisation import access
from enplan.organisation.tests.factories import ProfessionalFactory, ProfessionFactory

pytestmark = pytest.mark.django_db


def test_a_caseworker_is_the_professional_behind_their_login():
    professional = ProfessionalFactory()
    assert access.professional_of(professional.user) == professional
    assert access.works_with_cases(professional.user)


def test_the_professional_is_read_once_per_request(django_assert_num_queries):
    user = ProfessionalFactory().user
    with django_assert_num_queries(1):
        access.professional_of(user)
        access.professional_of(user)
        access.works_with_cases(user)


@pytest.mark.parametrize("role", [Role.LEADER, Role.ADMIN, Role.CITIZEN, Role.KEY_HOLDER])
def test_other_roles_are_no_professionals_even_with_a_record(role):
    professional = ProfessionalFactory()
    professional.user.role = role
    assert access.professional_of(professional.user) is None


def test_a_professional_no_longer_active_works_with_no_cases():
    professional = ProfessionalFactory(is_active=False)
    assert access.professional_of(professional.user) is None
    with pytest.raises(Http404):
        access.professional_or_404(professional.user)


def test_a_record_in_another_municipality_does_not_count():
    professional = ProfessionalFactory()
    professional.user.municipality = MunicipalityFactory()
    professional.user.save()
    assert access.professional_of(professional.user) is None


def test_a_visitor_is_nobody():
    assert access.professional_of(AnonymousUser()) is None
    assert not access.works_with_cases(AnonymousUser())


def test_the_audit_trail_names_the_job_title_and_the_department_with_its_area():
    professional = ProfessionalFactory(title="Mentor", department__name="Jobcentret")
    role, organisation = access.audit_description(professional.user)
    assert role == "Mentor"
    assert organisation == f"Jobcentret, {professional.department.area.name}"


def test_without_a_title_the_profession_names_the_role():
    profession = ProfessionFactory(name="Socialrådgiver")
    professional = ProfessionalFactory(title="", profession=profession)
    assert access.audit_description(professional.user)[0] == "Socialrådgiver"


def test_a_leader_is_named_by_their_role_alone():
    leader = UserFactory(role=Role.LEADER)
    assert access.audit_description(leader) == ("Leder", "")
