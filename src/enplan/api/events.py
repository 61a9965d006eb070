"""Change events for the systems' webhooks: what changed on a plan, told to the systems
that may see it, with ids and field names only, never the values.

The events come from the records' history (django-simple-history writes one historical
row per change, in the service's transaction) and from new meeting decisions. Nothing is
sent until the transaction commits, so a change that is rolled back is never announced.

The events and their payloads are listed in docs/api.md (the event catalogue).
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from simple_history.signals import post_create_historical_record

from enplan.api.models import Event, Webhook, WebhookDelivery
from enplan.meetings import access as meeting_access
from enplan.meetings.models import Decision
from enplan.plans import access as plan_access
from enplan.plans.models import Actor, Consent, Goal, Intervention, Plan, PlanMember

WATCHED = {
    Plan: "plan",
    PlanMember: "member",
    Goal: "goal",
    Intervention: "intervention",
    Consent: "consent",
    Actor: "actor",
}
# Bookkeeping that says nothing to a system.
UNTOLD_FIELDS = {"version", "order"}


def _changed_fields(history_instance) -> list[str]:
    previous = history_instance.prev_record
    if previous is None:
        return []
    delta = history_instance.diff_against(previous)
    return sorted(set(delta.changed_fields) - UNTOLD_FIELDS)


@receiver(post_create_historical_record)
def _on_history(sender, instance, history_instance, **kwargs):
    kind = WATCHED.get(type(instance))
    if kind is not None:
        # Worked out after the commit, so the service's own transaction does no more.
        transaction.on_commit(lambda: _history_event(kind, instance, history_instance))


@receiver(post_save, sender=Decision)
def _on_decision(sender, instance, created, **kwargs):
    if created:
        transaction.on_commit(lambda: _decision_event(instance))


def _history_event(kind: str, instance, history_instance) -> None:
    webhooks = _webhooks_for(instance.municipality_id)
    if not webhooks:
        return
    if kind == "actor" and not instance.visible_to_professionals:
        return  # a private person the citizen keeps from the professionals
    changed = _changed_fields(history_instance)
    if history_instance.history_type == "~" and not changed:
        return
    plan_id = instance.pk if kind == "plan" else instance.plan_id
    if kind == "consent" and "withdrawn_on" in changed:
        if history_instance.prev_record.withdrawn_on is None:
            _announce_withdrawal(webhooks, instance)
        return
    member_id = {"member": instance.pk, "consent": getattr(instance, "given_by_id", None)}.get(
        kind, getattr(instance, "member_id", None)
    )
    events = [
        (
            Event.PLAN_CHANGED,
            {
                "plan_id": plan_id,
                "object": {"type": kind, "id": instance.pk},
                "change": {"+": "created", "~": "changed", "-": "deleted"}[
                    history_instance.history_type
                ],
                "changed_fields": changed,
            },
        )
    ]
    if kind == "intervention" and "actual_start" in changed:
        agreed, actual = instance.agreed_start, instance.actual_start
        started_now = history_instance.prev_record.actual_start is None
        if started_now and agreed and actual and actual > agreed:
            events.append(
                (
                    Event.INTERVENTION_STARTED_LATE,
                    {
                        "plan_id": plan_id,
                        "intervention_id": instance.pk,
                        "days_late": (actual - agreed).days,
                    },
                )
            )
    for event, payload in events:
        _announce(webhooks, event, payload, member_id=member_id)


def _decision_event(decision: Decision) -> None:
    webhooks = _webhooks_for(decision.municipality_id)
    if not webhooks:
        return
    meeting = decision.meeting
    payload = {"plan_id": meeting.plan_id, "meeting_id": meeting.pk, "decision_id": decision.pk}
    _announce(webhooks, Event.MEETING_DECIDED, payload, meeting_id=meeting.pk)


def _announce(webhooks, event, payload, *, member_id=None, meeting_id=None) -> None:
    """Deliver to each webhook whose system may see the plan and the part concerned."""
    for webhook in webhooks:
        if event not in webhook.events:
            continue
        user = webhook.system.user
        plan = plan_access.plans_visible_to(user).filter(pk=payload["plan_id"]).first()
        if plan is None:
            continue
        if member_id is not None and member_id not in plan_access.visible_member_ids(user, plan):
            continue
        if (
            meeting_id is not None
            and not meeting_access.plan_meetings_visible(user, plan).filter(pk=meeting_id).exists()
        ):
            continue
        _deliver(webhook, event, payload)


def _announce_withdrawal(webhooks, consent: Consent) -> None:
    """The departments a withdrawn consent covered are told, though they may no longer
    see the plan: they must stop using what they had. Ids only."""
    department_ids = set(consent.departments.values_list("pk", flat=True))
    area_ids = set(consent.areas.values_list("pk", flat=True))
    payload = {"plan_id": consent.plan_id, "consent_id": consent.pk}
    for webhook in webhooks:
        department = webhook.system.department
        if Event.CONSENT_WITHDRAWN in webhook.events and (
            department.pk in department_ids or department.area_id in area_ids
        ):
            _deliver(webhook, Event.CONSENT_WITHDRAWN, payload)


def _webhooks_for(municipality_id) -> list[Webhook]:
    return list(
        Webhook.objects.filter(
            municipality_id=municipality_id, is_active=True, system__is_active=True
        ).select_related("system__user", "system__department")
    )


def _deliver(webhook: Webhook, event: str, payload: dict) -> None:
    from enplan.api.tasks import deliver_webhook

    delivery = WebhookDelivery.objects.create(
        municipality_id=webhook.municipality_id,
        webhook=webhook,
        event=event,
        payload={"event": event, "occurred_at": timezone.now().isoformat(), **payload},
    )
    deliver_webhook.enqueue(delivery.pk)
