"""The shapes of the API's resources, as the OpenAPI schema publishes them.

Ids are the database ids; a reference is `{id, name}` so that a system need not look up a
department or a law to show it. Dates are ISO 8601 (local Danish dates), times carry their
offset.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator

from enplan.plans.models import InterventionStatus, LogEntryKind

# Database ids are 64-bit integers; anything else is refused as bad input (422).
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]


def _no_control_characters(value: str) -> str:
    # A NUL cannot be stored in a PostgreSQL text column, and no person types one.
    if "\x00" in value:
        raise ValueError("The text contains a NUL character.")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("The text is empty.")
    return value


Text = Annotated[str, AfterValidator(_no_control_characters)]
FilledText = Annotated[Text, AfterValidator(_not_blank)]


def _iso_date(value):
    # Pydantic would read 0 or "1700000000" as seconds since 1970; a date comes as
    # "2026-12-02" and nothing else.
    if value is None or isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError("A date is written YYYY-MM-DD.")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError("A date is written YYYY-MM-DD.") from None


# A date a system sends in: ISO 8601 only.
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Money = Annotated[Decimal, Field(ge=0, max_digits=10, decimal_places=2)]


class Ref(Schema):
    id: int
    name: str


class PlanOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    coordinator: Ref
    coordinator_department: Ref | None
    review_date: date | None
    created_at: datetime
    version: int


class MemberOut(Schema):
    id: int
    role: str
    first_name: str
    last_name: str
    birth_date: date
    masked_cpr: str = Field(description="DDMMYY-xxxx: as the plan page shows it.")
    wishes: str
    goal_areas: list[str]
    version: int


class GoalOut(Schema):
    id: int
    member_id: int | None
    title: str
    life_area: str
    target_date: date | None
    status: str
    version: int


class InterventionOut(Schema):
    id: int
    member_id: int | None
    title: str
    department: Ref
    legislation: Ref
    responsible: Ref | None
    goal_ids: list[int]
    step_id: int | None
    agreed_start: date | None
    actual_start: date | None
    end_date: date | None
    status: str
    status_reason: str
    monthly_cost: Decimal | None
    version: int


class InterventionIn(Schema):
    """A new effort of the system's own department; the department is implied."""

    title: Annotated[FilledText, Field(min_length=1, max_length=300)]
    legislation_id: Id
    member_id: Id | None = None
    responsible_id: Id | None = None
    goal_ids: list[Id] = Field(default_factory=list, max_length=100)
    agreed_start: IsoDate | None = None
    actual_start: IsoDate | None = None
    end_date: IsoDate | None = None
    status: InterventionStatus = InterventionStatus.PLANNED
    status_reason: Annotated[Text, Field(max_length=500)] = ""
    monthly_cost: Money | None = None


class InterventionPatch(Schema):
    """The fields to change; those left out stay as they are."""

    title: Annotated[FilledText, Field(min_length=1, max_length=300)] | None = None
    legislation_id: Id | None = None
    responsible_id: Id | None = None
    goal_ids: list[Id] | None = Field(None, max_length=100)
    agreed_start: IsoDate | None = None
    actual_start: IsoDate | None = None
    end_date: IsoDate | None = None
    status: InterventionStatus | None = None
    status_reason: Annotated[Text, Field(max_length=500)] | None = None
    monthly_cost: Money | None = None


class LogEntryOut(Schema):
    id: int
    kind: str
    occurred_on: date
    text: str
    author_name: str
    author_workplace: str
    goal_id: int | None
    intervention_id: int | None
    is_internal: bool
    created_at: datetime


class LogEntryIn(Schema):
    kind: LogEntryKind = LogEntryKind.NOTE
    text: Annotated[FilledText, Field(min_length=1, max_length=10000)]
    occurred_on: IsoDate | None = None
    goal_id: Id | None = None
    intervention_id: Id | None = None
    is_internal: bool = False


class DecisionOut(Schema):
    id: int
    text: str
    effect: str
    goal_id: int | None
    intervention_id: int | None
    created_at: datetime


class MeetingOut(Schema):
    id: int
    kind: str
    status: str
    starts_at: datetime
    ends_at: datetime | None
    place: str
    purpose: str
    decisions: list[DecisionOut]
    version: int


class ActorOut(Schema):
    id: int
    kind: str
    name: str
    role: str
    member_id: int | None
    professional_id: int | None
    department: Ref | None
    phone: str
    email: str
    started_on: date
    ended_on: date | None
    version: int


class ConsentOut(Schema):
    id: int
    given_by_id: int
    covers_ids: list[int]
    given_on: date
    method: str
    department_ids: list[int]
    area_ids: list[int]
    withdrawn_on: date | None


class StepRegistrationOut(Schema):
    id: int
    member_id: int
    step: Ref | None
    entered_on: date
    reason: str
    registered_by_name: str
    registered_by_workplace: str


class FieldError(Schema):
    field: str
    message: str


class FieldChangeOut(Schema):
    field: str
    before: str
    after: str


class Problem(Schema):
    """An error as RFC 9457 problem details, in Danish or English by Accept-Language."""

    type: str
    title: str
    status: int
    detail: str = ""
    instance: str = ""
    errors: list[FieldError] | None = None
    changes: list[FieldChangeOut] | None = None
    changed_by: str | None = None
    current_etag: str | None = None
