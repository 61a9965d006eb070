import csv
import io
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from enplan.core.models import Role
from enplan.core.tests.factories import UserFactory
from enplan.organisation.tests.factories import DepartmentFactory, ProfessionalFactory
from enplan.targeting import services
from enplan.targeting.tests.extracts import SMALL, TEST_KEY
from enplan.targeting.tests.factories import (
    NominationHandlerFactory,
    key_holder,
    screening_round,
)


@dataclass
class Screening:
    round: object
    reviewer: object  # a professional appointed to the round, in a participating department
    other_reviewer: object
    outsider: object  # a professional of the municipality, not on the round
    handler: object  # a nomination handler
    key_holder: object
    leader: object
    admin: object
    stranger: object  # a reviewer's colleague from another municipality


def csv_upload(rows=SMALL, name="extract.csv") -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["person", "household", "indicator", "value"])
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(), "text/csv")


@pytest.fixture
def screening(world) -> Screening:
    municipality = world.municipality
    family = DepartmentFactory(area=world.area, name="Familierådgivningen")
    reviewer = ProfessionalFactory(department=world.department)
    other_reviewer = ProfessionalFactory(department=family)
    created = screening_round(
        municipality=municipality,
        departments=[world.department, family],
        reviewers=[reviewer, other_reviewer],
    )
    handler = NominationHandlerFactory(professional=world.coordinator)
    return Screening(
        round=created,
        reviewer=reviewer,
        other_reviewer=other_reviewer,
        outsider=world.outsider,
        handler=handler.professional,
        key_holder=key_holder(municipality),
        leader=UserFactory(municipality=municipality, role=Role.LEADER),
        admin=UserFactory(municipality=municipality, role=Role.ADMIN, is_staff=True),
        stranger=ProfessionalFactory(),
    )


@pytest.fixture
def scored(screening):
    """The small extract uploaded by the first reviewer and scored: one candidate (the
    household of Anna, Bo and Carl, 1900 points)."""
    services.extract_upload(
        user=screening.reviewer.user, screening_round=screening.round, uploaded_file=csv_upload()
    )
    services.round_score(user=screening.reviewer.user, screening_round=screening.round)
    screening.round.refresh_from_db()
    return screening


@pytest.fixture
def key():
    return TEST_KEY
