"""The plain facts about a plan's network that the map and the burden panel are computed
from. The selector reads them from the database in a fixed number of queries; everything
after that is pure functions over these values, so the page, the exports, the print view
and the benchmark compute the same thing the same way."""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ActorFact:
    id: int
    kind: str  # ActorKind
    name: str
    role: str
    started_on: date
    ended_on: date | None
    added_by_citizen: bool = False
    member_name: str = ""
    professional_id: int | None = None
    department_id: int | None = None
    department_name: str = ""
    area_id: int | None = None
    area_name: str = ""
    area_order: int = 0
    area_is_external: bool = False
    organisation: str = ""  # for external contacts without a department

    def is_active_on(self, day: date) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)

    @property
    def is_professional(self) -> bool:
        return self.professional_id is not None


@dataclass(frozen=True)
class InterventionFact:
    id: int
    status: str  # InterventionStatus
    department_id: int
    area_id: int
    legislation_id: int
    legislation_name: str
    responsible_id: int | None
    agreed_start: date | None
    actual_start: date | None
    end_date: date | None

    def is_in_force_on(self, day: date) -> bool:
        """Started and not yet ended on `day`. A planned effort that nobody has recorded
        as started is not yet part of the citizen's everyday life; a cancelled one never is."""
        if self.status == "cancelled":
            return False
        start = self.actual_start
        if start is None and self.status in ("active", "paused", "ended"):
            start = self.agreed_start
        if start is None or start > day:
            return False
        return self.end_date is None or self.end_date >= day


@dataclass(frozen=True)
class MeetingFact:
    id: int
    starts_on: date
    status: str  # MeetingStatus
    citizen_invited: bool


@dataclass(frozen=True)
class HandoverFact:
    on: date
    from_name: str
    to_name: str


@dataclass(frozen=True)
class RatingFact:
    id: int
    rater_id: int
    first_id: int
    second_id: int
    level: str  # RelationLevel
    comment: str
    rated_on: date


@dataclass(frozen=True)
class CoordinatorFact:
    professional_id: int
    name: str
    title: str
    workplace: str


@dataclass
class NetworkFacts:
    plan_title: str
    started_on: date
    member_names: list[str]
    coordinator: CoordinatorFact
    members_hidden: bool = False  # some members' parts are outside this reader's consent
    actors: list[ActorFact] = field(default_factory=list)
    interventions: list[InterventionFact] = field(default_factory=list)
    meetings: list[MeetingFact] = field(default_factory=list)
    handovers: list[HandoverFact] = field(default_factory=list)
    ratings: list[RatingFact] = field(default_factory=list)
