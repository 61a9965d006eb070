from datetime import date

import factory

from enplan.core.demo import demo_cpr
from enplan.core.models import Role
from enplan.core.tests.factories import UserFactory
from enplan.organisation.tests.factories import DepartmentFactory
from enplan.targeting.models import (
    Indicator,
    Nomination,
    NominationHandler,
    RuleSet,
    RuleVersion,
    ScreeningRound,
)
from enplan.targeting.tests.extracts import RULES


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    department = factory.SubFactory(DepartmentFactory)
    municipality = factory.SelfAttribute("department.municipality")
    cpr = factory.Sequence(lambda n: demo_cpr(date(1980 + n % 30, 1 + n % 12, 2 + n % 27), n * 7))
    first_name = factory.Sequence(lambda n: f"Indstillet{n}")
    last_name = "Hansen"
    reason = "Har hjælp fra mange afdelinger."
    nominated_by = factory.SubFactory(
        UserFactory, municipality=factory.SelfAttribute("..municipality")
    )
    nominator_name = "Fagperson"


class NominationHandlerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NominationHandler

    municipality = factory.SelfAttribute("professional.municipality")


def key_holder(municipality):
    return UserFactory(municipality=municipality, role=Role.KEY_HOLDER)


INDICATORS = [
    ("years_on_benefits", False, "scoring"),
    ("open_cases", False, "scoring"),
    ("children_with_measures", False, "scoring"),
    ("school_absence_pct", False, "scoring"),
    ("psychiatric_contacts", True, "scoring"),
    ("age_18_29", False, "group"),
]


def indicators_for(municipality) -> dict:
    return {
        key: Indicator.objects.get_or_create(
            municipality=municipality,
            key=key,
            defaults={"name": key.replace("_", " "), "is_health": health, "use": use},
        )[0]
        for key, health, use in INDICATORS
    }


def rule_version_for(municipality, source=RULES, name="Pointsystem") -> RuleVersion:
    rule_set, _ = RuleSet.objects.get_or_create(municipality=municipality, name=name)
    number = rule_set.versions.count() + 1
    return RuleVersion.objects.create(
        municipality=municipality, rule_set=rule_set, number=number, source=source
    )


PDF = b"%PDF-1.4\n% fictional DPIA\n%%EOF\n"


def screening_round(*, municipality, departments, reviewers=(), gate=True, **kwargs):
    indicators = indicators_for(municipality)
    values = {
        "municipality": municipality,
        "name": "Runde",
        "purpose": "At finde husstande med mange sager.",
        "rule_version": rule_version_for(municipality),
    }
    if gate:
        values.update(
            public_task_basis=True,
            national_legal_basis="Lov om X § 1",
            dpia_file_name="dpia.pdf",
            dpia_file=PDF,
            dpia_approved_on=date(2026, 1, 5),
            dpo_name="Dorthe DPO",
            dpo_signed_on=date(2026, 1, 6),
        )
    values.update(kwargs)
    created = ScreeningRound.objects.create(**values)
    created.indicators.set([i for k, i in indicators.items() if k != "psychiatric_contacts"])
    created.departments.set(departments)
    created.reviewers.set(reviewers)
    return created
