"""Consent per department, digitally: a withdrawal hides the plan from that department's
professionals at once, and keeps every other department's access as it was."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from enplan.citizen import services
from enplan.citizen.tests.factories import other_department_professional, with_login
from enplan.core.models import Notification
from enplan.organisation.tests.factories import (
    AreaFactory,
    DepartmentFactory,
    ProfessionalFactory,
)
from enplan.plans import access as plan_access
from enplan.plans.models import Consent, ConsentMethod, LogEntry
from enplan.plans.tests.factories import ActorFactory, ConsentFactory

pytestmark = pytest.mark.django_db


def sees(professional, plan) -> bool:
    return plan_access.plans_visible_to(professional.user).filter(pk=plan.pk).exists()


def test_withdrawing_hides_the_plan_from_that_department_at_once(client, family):
    assert sees(family.actor, family.plan)
    client.force_login(with_login(family.mother))
    url = f"/borger/plan/{family.plan.pk}/samtykke/{family.department.pk}/withdraw/"
    assert client.get(url).status_code == 200  # the confirmation
    assert sees(family.actor, family.plan)
    response = client.post(url)
    assert response.status_code == 302
    assert not sees(family.actor, family.plan)
    assert sees(family.coordinator, family.plan)
    client.force_login(family.actor.user)
    assert client.get(f"/plans/{family.plan.pk}/").status_code == 404


def test_withdrawing_one_department_of_an_area_keeps_the_others(family):
    stays = other_department_professional(family)
    consent = family.plan.consents.get()
    consent.departments.clear()
    consent.areas.set([family.department.area])
    assert sees(stays, family.plan)
    remaining = services.consent_withdraw(
        user=with_login(family.mother), plan=family.plan, department_pk=family.department.pk
    )
    assert not sees(family.actor, family.plan)
    assert sees(stays, family.plan)
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()
    [renewed] = remaining
    assert set(renewed.covers.all()) == set(consent.covers.all())
    assert renewed.given_on == consent.given_on
    assert family.department not in renewed.departments.all()


def test_withdrawing_one_department_keeps_the_other_areas_for_departments_they_get_later(
    family,
):
    other_area = AreaFactory(municipality=family.municipality)
    consent = family.plan.consents.get()
    consent.areas.set([other_area])
    [renewed] = services.consent_withdraw(
        user=with_login(family.mother), plan=family.plan, department_pk=family.department.pk
    )
    assert list(renewed.areas.all()) == [other_area]
    assert not renewed.departments.exists()

    later = ProfessionalFactory(department=DepartmentFactory(area=other_area))
    ActorFactory(plan=family.plan, professional=later)
    assert sees(later, family.plan)
    assert not sees(family.actor, family.plan)


def test_the_log_tells_that_only_one_department_lost_access(family):
    family.plan.consents.get().departments.add(family.other_department)
    services.consent_withdraw(
        user=with_login(family.mother), plan=family.plan, department_pk=family.department.pk
    )
    texts = list(LogEntry.objects.filter(plan=family.plan).values_list("text", flat=True))
    withdrawn = [t for t in texts if "samtykke" in t.lower()]
    assert withdrawn == [
        f"{family.mother.citizen.full_name} trak samtykket tilbage for "
        f"{family.department.name}. De andre afdelinger, samtykket omfattede, beholder det."
    ]


def test_a_young_person_sees_which_departments_a_parents_consent_lets_in(client, family):
    client.force_login(with_login(family.teen))
    page = client.get(f"/borger/plan/{family.plan.pk}/samtykke/")
    areas = page.context["areas"]
    item = next(d for a in areas for d in a.departments if d.department == family.department)
    assert item.since == family.plan.consents.get().given_on
    assert f"givet af {family.mother.citizen.first_name}" in page.text


def test_giving_consent_lets_the_department_in_and_covers_the_children(family):
    newcomer = other_department_professional(family)
    assert not sees(newcomer, family.plan)
    consent = services.consent_give(
        user=with_login(family.mother),
        plan=family.plan,
        department_pk=newcomer.department.pk,
    )
    assert consent.method == ConsentMethod.DIGITAL
    assert consent.recorded_by == family.mother.citizen.user
    assert set(consent.covers.all()) == {family.mother, family.teen, family.child}
    assert sees(newcomer, family.plan)


def test_the_citizen_gets_a_receipt_and_the_log_says_who_did_it(family):
    user = with_login(family.mother)
    services.consent_withdraw(user=user, plan=family.plan, department_pk=family.department.pk)
    receipt = Notification.objects.get(user=user)
    assert family.department.name in receipt.text
    entry = LogEntry.objects.filter(plan=family.plan).order_by("-id").first()
    assert entry.citizen_author == family.mother


def test_withdrawing_a_department_that_cannot_see_the_plan_changes_nothing(family):
    with pytest.raises(ValidationError):
        services.consent_withdraw(
            user=with_login(family.mother),
            plan=family.plan,
            department_pk=family.other_department.pk,
        )
    assert not Consent.objects.filter(withdrawn_on__isnull=False).exists()


def test_one_adult_cannot_withdraw_anothers_consent(family):
    ConsentFactory(
        plan=family.plan,
        given_by=family.partner,
        covers=[family.partner],
        departments=[family.other_department],
    )
    with pytest.raises(ValidationError):
        services.consent_withdraw(
            user=with_login(family.mother),
            plan=family.plan,
            department_pk=family.other_department.pk,
        )
    assert Consent.objects.get(given_by=family.partner).is_active


def test_the_consent_page_shows_since_when_each_department_may_see_the_plan(client, family):
    client.force_login(with_login(family.mother))
    page = client.get(f"/borger/plan/{family.plan.pk}/samtykke/")
    areas = page.context["areas"]
    item = next(d for a in areas for d in a.departments if d.department == family.department)
    assert item.since == family.plan.consents.get().given_on
    other = next(d for a in areas for d in a.departments if d.department == family.other_department)
    assert other.since is None
