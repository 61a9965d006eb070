"""Version 1 of the API, at /api/v1/: the resources a department's system reads and writes.

Every operation authenticates the system (`auth.SystemToken`), counts it against its rate
limit (`throttling.PerSystemThrottle`), checks the token's scope, and then asks the same
selectors, access rules and services as the pages do, as the system's user. Errors are
problem details (`problems.py`).
"""

import hashlib
import json
from datetime import UTC, datetime
from typing import Generic, Literal, TypeVar

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from ninja import Field, Header, NinjaAPI, Path, Query, Schema
from pydantic import field_validator

from enplan.api import problems, selectors
from enplan.api.auth import ApiClient, SystemToken
from enplan.api.etags import etag_for_version, version_from_if_match
from enplan.api.models import Scope
from enplan.api.schemas import (
    ActorOut,
    ConsentOut,
    GoalOut,
    InterventionIn,
    InterventionOut,
    InterventionPatch,
    LogEntryIn,
    LogEntryOut,
    MeetingOut,
    MemberOut,
    PlanOut,
    Problem,
    StepRegistrationOut,
)
from enplan.api.throttling import PerSystemThrottle
from enplan.plans import fhir
from enplan.plans import services as plan_services

T = TypeVar("T")

# Database ids are 64-bit; a larger number in a path is simply not found, not an error.
MAX_ID = 2**63 - 1
FHIR_JSON = "application/fhir+json"
PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class Page(Schema, Generic[T]):
    items: list[T]
    count: int
    page: int
    page_size: int
    next_page: int | None


class EnplanAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        # Errors are answered as application/problem+json (RFC 9457); say so in the schema.
        # FHIR resources are application/fhir+json.
        for route, operations in schema.get("paths", {}).items():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if "application/json" not in content:
                        continue
                    if int(status) >= 400:
                        content["application/problem+json"] = content.pop("application/json")
                    elif "/fhir" in route:
                        content[FHIR_JSON] = content.pop("application/json")
        return schema


api = EnplanAPI(
    title="Én plan API",
    version="1",
    description=(
        "The shared plan for a department's own system. Get a token with the system's "
        "client credentials at /api/oauth/token/ (grant_type=client_credentials); see "
        "docs/api.md."
    ),
    urls_namespace="api-v1",
    auth=SystemToken(),
    throttle=[PerSystemThrottle()],
    openapi_url="/openapi.json",
    docs_url="/docs",
)
problems.install(api)

READ_ERRORS = {401: Problem, 403: Problem, 404: Problem, 422: Problem, 429: Problem}
WRITE_ERRORS = {**READ_ERRORS, 400: Problem, 412: Problem, 428: Problem}

PlanId = Path(..., ge=1, le=MAX_ID)
PartId = Path(..., ge=1, le=MAX_ID)


class ListParams(Schema):
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
    changed_since: datetime | None = Field(
        None,
        description="Only what changed at or after this time (ISO 8601; local time if no offset).",
    )

    @field_validator("changed_since", mode="before")
    @classmethod
    def _only_iso_8601(cls, value):
        # Pydantic would take "0.5" or "1700000000" as seconds since 1970; a system that
        # sends a number has made a mistake, and is told so rather than sent everything.
        if value is None or isinstance(value, datetime):
            return value
        try:
            return datetime.fromisoformat(str(value))
        except ValueError:
            raise ValueError("Not an ISO 8601 date and time.") from None

    def since(self) -> datetime | None:
        value = self.changed_since
        # Nothing in Én plan is older than 1900, and a year near 9999 overflows when moved
        # to UTC: such a bound means "everything" or "nothing".
        if value is None or value.year < 1900:
            return None
        if value.year > 9000:
            return datetime(9000, 1, 1, tzinfo=UTC)
        # In UTC: an offset is valid ISO 8601 up to ±23:59, but PostgreSQL refuses
        # those past ±15:59; the moment is the same.
        aware = timezone.make_aware(value) if timezone.is_naive(value) else value
        return aware.astimezone(UTC)


def _client(request: HttpRequest, scope: str = Scope.READ) -> ApiClient:
    client: ApiClient = request.auth  # type: ignore[attr-defined]
    client.require(scope)
    return client


def _path(request: HttpRequest) -> str:
    return request.get_full_path()


def _page(response: HttpResponse, queryset, params: ListParams, render) -> dict:
    total = queryset.count()
    start = (params.page - 1) * params.page_size
    items = [render(row) for row in queryset[start : start + params.page_size]]
    body = {
        "items": items,
        "count": total,
        "page": params.page,
        "page_size": params.page_size,
        "next_page": params.page + 1 if start + params.page_size < total else None,
    }
    digest = hashlib.sha256(json.dumps(body, cls=DjangoJSONEncoder).encode()).hexdigest()
    response["ETag"] = f'W/"{digest[:32]}"'
    return body


def _ref(obj) -> dict | None:
    return {"id": obj.pk, "name": str(obj)} if obj is not None else None


def plan_out(plan) -> dict:
    department = plan.coordinator.department
    return {
        "id": plan.pk,
        "kind": plan.kind,
        "title": plan.title,
        "status": plan.status,
        "coordinator": {"id": plan.coordinator_id, "name": plan.coordinator.name},
        "coordinator_department": _ref(department),
        "review_date": plan.review_date,
        "created_at": plan.created_at,
        "version": plan.version,
    }


def member_out(member) -> dict:
    citizen = member.citizen
    return {
        "id": member.pk,
        "role": member.role,
        "first_name": citizen.first_name,
        "last_name": citizen.last_name,
        "birth_date": citizen.birth_date,
        "masked_cpr": citizen.masked_cpr,
        "wishes": member.wishes,
        "goal_areas": list(member.goal_areas),
        "version": member.version,
    }


def goal_out(goal) -> dict:
    return {
        "id": goal.pk,
        "member_id": goal.member_id,
        "title": goal.title,
        "life_area": goal.life_area,
        "target_date": goal.target_date,
        "status": goal.status,
        "version": goal.version,
    }


def intervention_out(intervention) -> dict:
    return {
        "id": intervention.pk,
        "member_id": intervention.member_id,
        "title": intervention.title,
        "department": _ref(intervention.department),
        "legislation": {"id": intervention.legislation_id, "name": intervention.legislation.name},
        "responsible": (
            {"id": intervention.responsible_id, "name": intervention.responsible.name}
            if intervention.responsible_id
            else None
        ),
        "goal_ids": sorted(goal.pk for goal in intervention.goals.all()),
        "step_id": intervention.step_id,
        "agreed_start": intervention.agreed_start,
        "actual_start": intervention.actual_start,
        "end_date": intervention.end_date,
        "status": intervention.status,
        "status_reason": intervention.status_reason,
        "monthly_cost": intervention.monthly_cost,
        "version": intervention.version,
    }


def log_entry_out(entry) -> dict:
    return {
        "id": entry.pk,
        "kind": entry.kind,
        "occurred_on": entry.occurred_on,
        "text": entry.text,
        "author_name": entry.author_name,
        "author_workplace": entry.author_workplace,
        "goal_id": entry.goal_id,
        "intervention_id": entry.intervention_id,
        "is_internal": entry.is_internal,
        "created_at": entry.created_at,
    }


def meeting_out(meeting) -> dict:
    return {
        "id": meeting.pk,
        "kind": meeting.kind,
        "status": meeting.status,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "place": meeting.place,
        "purpose": meeting.purpose,
        "decisions": [
            {
                "id": d.pk,
                "text": d.text,
                "effect": d.effect,
                "goal_id": d.goal_id,
                "intervention_id": d.intervention_id,
                "created_at": d.created_at,
            }
            for d in meeting.decisions.all()
        ],
        "version": meeting.version,
    }


def actor_out(actor) -> dict:
    professional = actor.professional
    return {
        "id": actor.pk,
        "kind": actor.kind,
        "name": actor.display_name,
        "role": actor.role,
        "member_id": actor.member_id,
        "professional_id": actor.professional_id,
        "department": _ref(professional.department) if professional is not None else None,
        "phone": actor.phone or (professional.phone if professional is not None else ""),
        "email": actor.email or (professional.email if professional is not None else ""),
        "started_on": actor.started_on,
        "ended_on": actor.ended_on,
        "version": actor.version,
    }


def step_registration_out(registration) -> dict:
    return {
        "id": registration.pk,
        "member_id": registration.member_id,
        "step": _ref(registration.step),
        "entered_on": registration.entered_on,
        "reason": registration.reason,
        "registered_by_name": registration.registered_by_name,
        "registered_by_workplace": registration.registered_by_workplace,
    }


# Plans -------------------------------------------------------------------------------


@api.get("/plans", response={200: Page[PlanOut], **READ_ERRORS}, tags=["plans"])
def list_plans(request, response: HttpResponse, params: Query[ListParams]):
    """The plans the system's department may see: those it takes part in, within consent."""
    client = _client(request)
    plans = selectors.plans_for(client.user, since=params.since(), path=_path(request))
    return _page(response, plans, params, plan_out)


@api.get("/plans/{plan_id}", response={200: PlanOut, **READ_ERRORS}, tags=["plans"])
def get_plan(request, response: HttpResponse, plan_id: int = PlanId):
    client = _client(request)
    plan = selectors.plan_open(client.user, plan_id, path=_path(request))
    response["ETag"] = etag_for_version(plan.version)
    return plan_out(plan)


@api.get("/plans/{plan_id}/members", response={200: Page[MemberOut], **READ_ERRORS}, tags=["plans"])
def list_members(request, response: HttpResponse, params: Query[ListParams], plan_id: int = PlanId):
    """The members whose part of the plan the citizen's consent lets the department see."""
    client = _client(request)
    plan = selectors.plan_open(client.user, plan_id, path=_path(request))
    members = selectors.changed_since(selectors.members_of(client.user, plan), params.since())
    return _page(response, members, params, member_out)


@api.get("/plans/{plan_id}/goals", response={200: Page[GoalOut], **READ_ERRORS}, tags=["plans"])
def list_goals(request, response: HttpResponse, params: Query[ListParams], plan_id: int = PlanId):
    client = _client(request)
    plan = selectors.plan_open(client.user, plan_id, path=_path(request))
    goals = selectors.changed_since(selectors.goals_of(client.user, plan), params.since())
    return _page(response, goals, params, goal_out)


# Interventions -------------------------------------------------------------------------


@api.get(
    "/plans/{plan_id}/interventions",
    response={200: Page[InterventionOut], **READ_ERRORS},
    tags=["interventions"],
)
def list_interventions(
    request, response: HttpResponse, params: Query[ListParams], plan_id: int = PlanId
):
    client = _client(request)
    plan = selectors.plan_open(client.user, plan_id, path=_path(request))
    rows = selectors.changed_since(selectors.interventions_of(client.user, plan), params.since())
    return _page(response, rows, params, intervention_out)


@api.get(
    "/plans/{plan_id}/interventions/{intervention_id}",
    response={200: InterventionOut, **READ_ERRORS},
    tags=["interventions"],
)
def get_intervention(
    request, response: HttpResponse, plan_id: int = PlanId, intervention_id: int = PartId
):
    client = _client(request)
    plan = selectors.plan_open(client.user, plan_id, path=_path(request))
    intervention = selectors.intervention_of(client.user, plan, intervention_id)
    response["ETag"] = etag_for_version(intervention.version)
    return intervention_out(intervention)


@api.post(
    "/plans/{plan_id}/interventions",
    response={201: InterventionOut, **WRITE_ERRORS},
    tags=["interventions"],
)
def create_intervention(
    request, response: HttpResponse, payload: InterventionIn, plan_id: int = PlanId
):
    """Register an effort of the system's own department on the plan."""
    client = _client(request, Scope.WRITE_INTERVENTIONS)
    user = client.user
    plan = selectors.plan_for_write(user, plan_id, path=_path(request))
    department = client.system.department
    refs = selectors.intervention_refs(
        user,
        plan,
        legislation_id=payload.legislation_id,
        member_id=payload.member_id,
        responsible_id=payload.responsible_id,
        goal_ids=payload.goal_ids,
    )
    intervention = plan_services.intervention_create(
        user=user,
        plan=plan,
        title=payload.title,
        department=department,
        agreed_start=payload.agreed_start,
        actual_start=payload.actual_start,
        end_date=payload.end_date,
        status=payload.status,
        status_reason=payload.status_reason,
        monthly_cost=payload.monthly_cost,
        path=_path(request),
        **refs,
    )
    intervention = selectors.intervention_of(user, plan, intervention.pk)
    response["ETag"] = etag_for_version(intervention.version)
    response["Location"] = f"/api/v1/plans/{plan.pk}/interventions/{intervention.pk}"
    return 201, intervention_out(intervention)


@api.patch(
    "/plans/{plan_id}/interventions/{intervention_id}",
    response={200: InterventionOut, **WRITE_ERRORS},
    tags=["interventions"],
)
def update_intervention(
    request,
    response: HttpResponse,
    payload: InterventionPatch,
    plan_id: int = PlanId,
    intervention_id: int = PartId,
    if_match: str | None = Header(None, alias="If-Match"),
):
    """Change an effort of the system's own department. Send its ETag in `If-Match`: if
    someone changed it since, nothing is saved and the answer (412) says what changed."""
    client = _client(request, Scope.WRITE_INTERVENTIONS)
    user = client.user
    plan = selectors.plan_for_write(user, plan_id, path=_path(request))
    intervention = selectors.intervention_of(user, plan, intervention_id)
    version = version_from_if_match(if_match)
    given = payload.dict(exclude_unset=True)
    # A field sent as null that cannot be empty is left as it is.
    for required in ("title", "legislation_id", "status", "status_reason", "goal_ids"):
        if required in given and given[required] is None:
            del given[required]
    goal_ids = given.pop("goal_ids", [g.pk for g in intervention.goals.all()])
    refs = selectors.intervention_refs(
        user,
        plan,
        legislation_id=given.pop("legislation_id", intervention.legislation_id),
        member_id=intervention.member_id,
        responsible_id=given.pop("responsible_id", intervention.responsible_id),
        goal_ids=goal_ids,
    )
    del refs["member"]
    goals = refs.pop("goals")
    values = {**given, **refs}
    plan_services.intervention_update(
        user=user, plan=plan, intervention=intervention, version=version, goals=goals, **values
    )
    intervention = selectors.intervention_of(user, plan, intervention_id)
    response["ETag"] = etag_for_version(intervention.version)
    return intervention_out(intervention)


# Relay log ------------------------------------------------------------------------------


@api.get("/plans/{plan_id}/log", response={200: Page[LogEntryOut], **READ_ERRORS}, tags=["log"])
def list_log_entries(
    request, response: HttpResponse, params: Query[ListParams], plan_id: int = PlanId
):
    client = _client(request)
    plan = selectors.plan_open(client.user, plan_id, path=_path(request))
    entries = selectors.changed_since(selectors.log_entries_of(client.user, plan), params.since())
    return _page(response, entries, params, log_entry_out)


@api.post("/plans/{plan_id}/log", response={201: LogEntryOut, **WRITE_ERRORS}, tags=["log"])
def create_log_entry(request, response: HttpResponse, payload: LogEntryIn, plan_id: int = PlanId):
    """Write an entry in the relay log, signed with the system's name and department."""
    client = _client(request, Scope.WRITE_LOG)
    user = client.user
    plan = selectors.plan_for_write(user, plan_id, path=_path(request))
    refs = selectors.log_entry_refs(
        user, plan, goal_id=payload.goal_id, intervention_id=payload.intervention_id
    )
    entry = plan_services.log_entry_create(
        user=user,
        plan=plan,
        kind=payload.kind,
        text=payload.text,
        occurred_on=payload.occurred_on,
        is_internal=payload.is_internal,
        **refs,
    )
    response["Location"] = f"/api/v1/plans/{plan.pk}/log"
    return 201, log_entry_out(entry)


# Meetings, network, consent, staircase ------------------------------------------------------


@api.get(
    "/plans/{plan_id}/meetings", response={200: Page[MeetingOut], **READ_ERRORS}, tags=["meetings"]
)
def list_meetings(
    request, response: HttpResponse, params: Query[ListParams], plan_id: int = PlanId
):
    """The plan's meetings the department may see, with their decisions."""
    client = _client(request)
    plan = selectors.plan_open(client.user, plan_id, path=_path(request))
    meetings = selectors.changed_since(selectors.meetings_of(client.user, plan), params.since())
    return _page(response, meetings, params, meeting_out)


@api.get("/plans/{plan_id}/actors", response={200: Page[ActorOut], **READ_ERRORS}, tags=["network"])
def list_actors(request, response: HttpResponse, params: Query[ListParams], plan_id: int = PlanId):
    """The citizen's network as professionals see it (without the private persons the
    citizen keeps to themselves)."""
    client = _client(request)
    plan = selectors.plan_open(client.user, plan_id, path=_path(request))
    actors = selectors.changed_since(selectors.actors_of(client.user, plan), params.since())
    return _page(response, actors, params, actor_out)


@api.get(
    "/plans/{plan_id}/consents", response={200: Page[ConsentOut], **READ_ERRORS}, tags=["consent"]
)
def list_consents(
    request, response: HttpResponse, params: Query[ListParams], plan_id: int = PlanId
):
    client = _client(request)
    plan = selectors.plan_open(client.user, plan_id, path=_path(request))
    consents, member_ids = selectors.consents_of(client.user, plan)
    consents = selectors.changed_since(consents, params.since())

    def render(consent) -> dict:
        return {
            "id": consent.pk,
            "given_by_id": consent.given_by_id,
            "covers_ids": sorted(m.pk for m in consent.covers.all() if m.pk in member_ids),
            "given_on": consent.given_on,
            "method": consent.method,
            "department_ids": sorted(d.pk for d in consent.departments.all()),
            "area_ids": sorted(a.pk for a in consent.areas.all()),
            "withdrawn_on": consent.withdrawn_on,
        }

    return _page(response, consents, params, render)


@api.get(
    "/plans/{plan_id}/step-registrations",
    response={200: Page[StepRegistrationOut], **READ_ERRORS},
    tags=["progress"],
)
def list_step_registrations(
    request, response: HttpResponse, params: Query[ListParams], plan_id: int = PlanId
):
    client = _client(request)
    plan = selectors.plan_open(client.user, plan_id, path=_path(request))
    rows = selectors.changed_since(
        selectors.step_registrations_of(client.user, plan), params.since()
    )
    return _page(response, rows, params, step_registration_out)


# FHIR R4 ---------------------------------------------------------------------------------

FhirType = Literal["CarePlan", "CareTeam", "Group", "Patient", "Goal", "ServiceRequest", "Consent"]
FHIR_ID_PREFIX = {
    "CarePlan": "plan",
    "CareTeam": "plan",
    "Group": "plan",
    "Patient": "member",
    "Goal": "goal",
    "ServiceRequest": "intervention",
    "Consent": "consent",
}


def _fhir_base(request) -> str:
    return f"{settings.ENPLAN_BASE_URL}/api/v1/fhir"


def _bundle(user, plan, request) -> dict:
    parts = selectors.fhir_parts(user, plan)
    # A system matches the citizen to its own case by the CPR number (docs/api.md).
    cpr_member_ids = {m.pk for m in parts["members"]}
    return fhir.plan_bundle(
        plan=plan, base_url=_fhir_base(request), cpr_member_ids=cpr_member_ids, **parts
    )


def _fhir_response(resource: dict) -> HttpResponse:
    return JsonResponse(resource, content_type=FHIR_JSON, json_dumps_params={"ensure_ascii": False})


@api.get("/plans/{plan_id}/fhir", response={200: dict, **READ_ERRORS}, tags=["fhir"])
def plan_fhir_bundle(request, plan_id: int = PlanId):
    """The whole plan as a FHIR R4 Bundle (collection): CarePlan, CareTeam, Patient(s),
    Goals, ServiceRequests and Consents, as the department may see them. Audited as an
    export."""
    client = _client(request)
    plan = selectors.plan_export(client.user, plan_id, path=_path(request))
    return _fhir_response(_bundle(client.user, plan, request))


@api.get("/fhir/{resource_type}/{resource_id}", response={200: dict, **READ_ERRORS}, tags=["fhir"])
def fhir_read(
    request,
    resource_type: FhirType,
    resource_id: str = Path(..., pattern=r"^[a-z]{4,12}-[1-9][0-9]{0,17}$"),
):
    """One FHIR R4 resource by its id (`plan-12`, `goal-40`, `intervention-7`, …)."""
    client = _client(request)
    prefix, _, number = resource_id.partition("-")
    if FHIR_ID_PREFIX[resource_type] != prefix:
        raise Http404
    plan_id = int(number) if prefix == "plan" else selectors.plan_id_of(prefix, int(number))
    plan = selectors.plan_open(client.user, plan_id, path=_path(request))
    for entry in _bundle(client.user, plan, request)["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] == resource_type and resource["id"] == resource_id:
            return _fhir_response(resource)
    raise Http404
