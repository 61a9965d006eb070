"""The plan in HL7 FHIR R4, for health partners and for the citizen's own download.

One pure mapping over what the caller has already read through its selectors (and so
within its access rules): plan → CarePlan, the network → CareTeam, goals → Goal,
interventions → ServiceRequest (as the CarePlan's activities), consent → Consent, a
citizen → Patient with the CPR number under DK Core's identifier system, and the audit
trail → AuditEvent. A household plan's subject is a Group of its members' Patients.

The resources are plain dicts in FHIR's JSON form; the tests validate every one of them
with `fhir.resources` (R4B, whose models of these resources are R4's).
"""

from collections.abc import Collection, Iterable
from datetime import date, datetime

from django.utils import timezone

CPR_SYSTEM = "urn:oid:1.2.208.176.1.2"
MEMBER_SYSTEM = "urn:enplan:plan-member"
ENPLAN = "Én plan"

GOAL_STATUS = {
    "not_started": "proposed",
    "in_progress": "active",
    "achieved": "completed",
    "dropped": "cancelled",
}
SERVICE_REQUEST_STATUS = {
    "planned": "active",
    "active": "active",
    "paused": "on-hold",
    "ended": "completed",
    "cancelled": "revoked",
}
AUDIT_ACTION = {
    "view": "R",
    "create": "C",
    "change": "U",
    "delete": "D",
    "export": "R",
    "reidentify": "E",
}


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _instant(value: datetime) -> str:
    return timezone.localtime(value).isoformat()


def _drop_empty(resource: dict) -> dict:
    # FHIR forbids empty values: an element is left out rather than sent empty.
    return {k: v for k, v in resource.items() if v not in (None, "", [], {})}


def patient_id(member) -> str:
    return f"member-{member.pk}"


def patient(member, *, with_cpr: bool) -> dict:
    citizen = member.citizen
    identifiers = [{"system": MEMBER_SYSTEM, "value": str(member.pk)}]
    if with_cpr:
        identifiers.insert(0, {"system": CPR_SYSTEM, "value": citizen.cpr.replace("-", "")})
    return _drop_empty(
        {
            "resourceType": "Patient",
            "id": patient_id(member),
            "identifier": identifiers,
            "name": [{"family": citizen.last_name, "given": [citizen.first_name]}],
            "birthDate": _day(citizen.birth_date),
        }
    )


def subject_of(plan, members) -> dict:
    if plan.kind == "household" or len(members) != 1:
        return {"reference": f"Group/plan-{plan.pk}"}
    return {"reference": f"Patient/{patient_id(members[0])}"}


def household(plan, members) -> dict:
    return {
        "resourceType": "Group",
        "id": f"plan-{plan.pk}",
        "type": "person",
        "actual": True,
        "name": plan.title,
        "member": [{"entity": {"reference": f"Patient/{patient_id(m)}"}} for m in members],
    }


def _owner_of(part, plan, members) -> dict:
    by_id = {m.pk: m for m in members}
    member = by_id.get(part.member_id) if part.member_id else None
    if member is not None:
        return {"reference": f"Patient/{patient_id(member)}"}
    return subject_of(plan, members)


def goal(part, plan, members) -> dict:
    return _drop_empty(
        {
            "resourceType": "Goal",
            "id": f"goal-{part.pk}",
            "lifecycleStatus": GOAL_STATUS.get(part.status, "proposed"),
            "category": [{"text": part.get_life_area_display()}],
            "description": {"text": part.title},
            "subject": _owner_of(part, plan, members),
            "target": [{"dueDate": _day(part.target_date)}] if part.target_date else [],
        }
    )


def service_request(intervention, plan, members) -> dict:
    start = intervention.actual_start or intervention.agreed_start
    period = _drop_empty({"start": _day(start), "end": _day(intervention.end_date)})
    return _drop_empty(
        {
            "resourceType": "ServiceRequest",
            "id": f"intervention-{intervention.pk}",
            "status": SERVICE_REQUEST_STATUS.get(intervention.status, "unknown"),
            "intent": "plan",
            "category": [{"text": intervention.legislation.name}],
            "code": {"text": intervention.title},
            "subject": _owner_of(intervention, plan, members),
            "occurrencePeriod": period,
            "requester": {"display": intervention.department.name},
            "performer": (
                [{"display": intervention.responsible.name}] if intervention.responsible else []
            ),
            "supportingInfo": [
                {"reference": f"Goal/goal-{g.pk}"} for g in intervention.goals.all()
            ],
            "note": ([{"text": intervention.status_reason}] if intervention.status_reason else []),
        }
    )


def care_team(plan, members, actors) -> dict:
    participants = []
    for actor in actors:
        department = actor.professional.department if actor.professional else None
        participants.append(
            _drop_empty(
                {
                    "role": [{"text": actor.role}],
                    "member": {"display": actor.display_name},
                    "onBehalfOf": {"display": department.name} if department else None,
                    "period": _drop_empty(
                        {"start": _day(actor.started_on), "end": _day(actor.ended_on)}
                    ),
                }
            )
        )
    return _drop_empty(
        {
            "resourceType": "CareTeam",
            "id": f"plan-{plan.pk}",
            "status": "active" if plan.status == "active" else "inactive",
            "name": plan.title,
            "subject": subject_of(plan, members),
            "participant": participants,
        }
    )


def consent(record, plan, members, *, departments: Iterable, areas: Iterable) -> dict:
    by_id = {m.pk: m for m in members}
    given_by = by_id.get(record.given_by_id)
    names = [d.name for d in departments] + [a.name for a in areas]
    return _drop_empty(
        {
            "resourceType": "Consent",
            "id": f"consent-{record.pk}",
            "status": "active" if record.withdrawn_on is None else "inactive",
            "scope": {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/consentscope",
                        "code": "patient-privacy",
                    }
                ]
            },
            "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0"}]}],
            "patient": (
                {"reference": f"Patient/{patient_id(given_by)}"} if given_by is not None else None
            ),
            "dateTime": f"{record.given_on.isoformat()}",
            "policyRule": {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                        "code": "OPTIN",
                    }
                ]
            },
            "provision": _drop_empty(
                {
                    "type": "permit",
                    "period": _drop_empty(
                        {"start": _day(record.given_on), "end": _day(record.withdrawn_on)}
                    ),
                    "actor": [
                        {
                            "role": {
                                "coding": [
                                    {
                                        "system": "http://terminology.hl7.org/CodeSystem/"
                                        "v3-ParticipationType",
                                        "code": "IRCP",
                                    }
                                ]
                            },
                            "reference": {"display": name},
                        }
                        for name in names
                    ],
                }
            ),
        }
    )


def audit_event(event) -> dict:
    who = ", ".join(part for part in (event.actor_role, event.actor_organisation) if part)
    return {
        "resourceType": "AuditEvent",
        "id": f"audit-{event.pk}",
        "type": {
            "system": "http://terminology.hl7.org/CodeSystem/audit-event-type",
            "code": "rest",
        },
        "action": AUDIT_ACTION.get(event.action, "E"),
        "recorded": _instant(event.at),
        "agent": [{"requestor": True, "who": {"display": who or ENPLAN}}],
        "source": {"observer": {"display": ENPLAN}},
        "entity": [{"what": {"display": f"{event.object_type} {event.object_id}".strip()}}],
    }


def care_plan(plan, members, goals, interventions) -> dict:
    return _drop_empty(
        {
            "resourceType": "CarePlan",
            "id": f"plan-{plan.pk}",
            "identifier": [{"system": "urn:enplan:plan", "value": str(plan.pk)}],
            "status": "active" if plan.status == "active" else "completed",
            "intent": "plan",
            "title": plan.title,
            "subject": subject_of(plan, members),
            "created": _instant(plan.created_at),
            "author": {"display": plan.coordinator.name},
            "careTeam": [{"reference": f"CareTeam/plan-{plan.pk}"}],
            "goal": [{"reference": f"Goal/goal-{g.pk}"} for g in goals],
            "activity": [
                {"reference": {"reference": f"ServiceRequest/intervention-{i.pk}"}}
                for i in interventions
            ],
        }
    )


def plan_bundle(
    *,
    plan,
    members,
    goals,
    interventions,
    actors,
    consents,
    base_url: str,
    cpr_member_ids: Collection[int],
    audit_events=(),
) -> dict:
    """The whole plan as a FHIR `collection` Bundle, with each resource once. The CPR
    number is given for the members in `cpr_member_ids` only."""
    members, goals, interventions = list(members), list(goals), list(interventions)
    resources = [care_plan(plan, members, goals, interventions), care_team(plan, members, actors)]
    if plan.kind == "household" or len(members) != 1:
        resources.append(household(plan, members))
    resources += [patient(m, with_cpr=m.pk in cpr_member_ids) for m in members]
    resources += [goal(g, plan, members) for g in goals]
    resources += [service_request(i, plan, members) for i in interventions]
    resources += [
        consent(c, plan, members, departments=c.departments.all(), areas=c.areas.all())
        for c in consents
    ]
    resources += [audit_event(e) for e in audit_events]
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": _instant(timezone.now()),
        "entry": [
            {"fullUrl": f"{base_url}/{r['resourceType']}/{r['id']}", "resource": r}
            for r in resources
        ],
    }
