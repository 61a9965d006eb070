"""Every URL of a plan, filled in with the objects of one plan, for access tests."""

from django.urls import reverse

from enplan.plans.tests.factories import (
    ActorFactory,
    ConsentFactory,
    GoalFactory,
    InterventionFactory,
    PrivateActorFactory,
)

# url name -> (kwargs builder, coordinator only)
PLAN_URLS = {
    "plans:detail": (lambda o: {}, False),
    "plans:history": (lambda o: {}, False),
    "plans:print": (lambda o: {}, False),
    "plans:settings": (lambda o: {}, True),
    "plans:handover": (lambda o: {}, True),
    "plans:member_wishes": (lambda o: {"member_pk": o["member"].pk}, True),
    "plans:member_custody": (lambda o: {"member_pk": o["member"].pk}, True),
    "plans:goal_create": (lambda o: {}, True),
    "plans:goal_edit": (lambda o: {"goal_pk": o["goal"].pk}, True),
    "plans:intervention_create": (lambda o: {}, False),
    "plans:intervention_edit": (lambda o: {"intervention_pk": o["intervention"].pk}, False),
    "plans:log_create": (lambda o: {}, False),
    "plans:actor_add": (lambda o: {}, False),
    "plans:actor_edit": (lambda o: {"actor_pk": o["private_actor"].pk}, False),
    "plans:actor_end": (lambda o: {"actor_pk": o["private_actor"].pk}, False),
    "plans:consent_create": (lambda o: {}, True),
    "plans:consent_withdraw": (lambda o: {"consent_pk": o["consent"].pk}, True),
}


def furnish(plan, member, department):
    """Give the plan one of everything a URL can point at."""
    return {
        "plan": plan,
        "member": member,
        "goal": GoalFactory(plan=plan, member=member),
        "intervention": InterventionFactory(plan=plan, member=member, department=department),
        "private_actor": PrivateActorFactory(plan=plan, member=member),
        "actor": ActorFactory(plan=plan, member=member),
        "consent": ConsentFactory(plan=plan, given_by=member, departments=[department]),
    }


def url_for(name, objects):
    kwargs_for, _ = PLAN_URLS[name]
    return reverse(name, kwargs={"pk": objects["plan"].pk, **kwargs_for(objects)})


READ_ONLY = {"plans:detail", "plans:history", "plans:print"}
WRITABLE_URLS = [name for name in PLAN_URLS if name not in READ_ONLY]
