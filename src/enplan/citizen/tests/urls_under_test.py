"""Every URL of the citizen's side, filled in for one plan."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from enplan.citizen.tests.factories import network_meeting
from enplan.plans.tests.factories import GoalFactory

# url name -> kwargs builder (from the objects made by `furnish`)
CITIZEN_URLS = {
    "citizen:plan": lambda o: {},
    "citizen:wishes": lambda o: {"member_pk": o["member"].pk},
    "citizen:goal_comment": lambda o: {"goal_pk": o["goal"].pk},
    "citizen:person_add": lambda o: {},
    "citizen:topic_add": lambda o: {},
    "citizen:meeting_ics": lambda o: {"meeting_pk": o["meeting"].pk},
    "citizen:sharing": lambda o: {},
    "citizen:consent": lambda o: {},
    "citizen:consent_change": lambda o: {"department_pk": o["department"].pk, "action": "withdraw"},
    "citizen:access_log": lambda o: {},
    "citizen:my_data": lambda o: {},
    "citizen:download_pdf": lambda o: {},
    "citizen:download_json": lambda o: {},
}

READ_ONLY = {
    "citizen:plan",
    "citizen:meeting_ics",
    "citizen:consent",
    "citizen:access_log",
    "citizen:my_data",
    "citizen:download_pdf",
    "citizen:download_json",
}


def furnish(family) -> dict:
    plan = family.plan
    return {
        "plan": plan,
        "member": family.mother,
        "department": family.department,
        "goal": GoalFactory(plan=plan, member=family.mother),
        "meeting": network_meeting(
            family, starts_at=timezone.now() + timedelta(days=5), place="Rådhuset"
        ),
    }


def url_for(name, objects):
    return reverse(name, kwargs={"pk": objects["plan"].pk, **CITIZEN_URLS[name](objects)})
