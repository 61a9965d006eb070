"""Why someone touched the citizen's data, in words a citizen understands.

Min log shows the purpose of every access, from the audit event's action and the kind of
object. A kind nobody has named here yet still gets a plain purpose from its action.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from enplan.core.models import AuditAction, current_object_type

PURPOSES: dict[tuple[str, str], Promise] = {
    (AuditAction.VIEW, "plans.plan"): _("Opened your plan"),
    (AuditAction.EXPORT, "plans.plan"): _("Downloaded your plan"),
    (AuditAction.CREATE, "plans.plan"): _("Created your plan"),
    (AuditAction.CHANGE, "plans.plan"): _("Changed the plan's name, review or coordinator"),
    (AuditAction.CHANGE, "plans.planmember"): _("Changed what matters most to you"),
    (AuditAction.CREATE, "plans.goal"): _("Added a goal"),
    (AuditAction.CHANGE, "plans.goal"): _("Changed a goal"),
    (AuditAction.CREATE, "plans.intervention"): _("Added help for you"),
    (AuditAction.CHANGE, "plans.intervention"): _("Changed help for you"),
    (AuditAction.CREATE, "plans.logentry"): _("Wrote a note in the plan"),
    (AuditAction.CREATE, "plans.consent"): _("Wrote down a consent"),
    (AuditAction.CHANGE, "plans.consent"): _("Wrote down that a consent was withdrawn"),
    (AuditAction.CREATE, "plans.actor"): _("Added a person to your network"),
    (AuditAction.CHANGE, "plans.actor"): _("Changed a person in your network"),
    (AuditAction.VIEW, "meetings.meeting"): _("Looked at a meeting"),
    (AuditAction.CREATE, "meetings.meeting"): _("Planned a meeting"),
    (AuditAction.CHANGE, "meetings.meeting"): _("Changed a meeting"),
    (AuditAction.CREATE, "citizen.meetingtopic"): _("Wrote what to talk about at a meeting"),
}

BY_ACTION: dict[str, Promise] = {
    AuditAction.VIEW: _("Looked at your plan"),
    AuditAction.CREATE: _("Added something to your plan"),
    AuditAction.CHANGE: _("Changed something in your plan"),
    AuditAction.DELETE: _("Deleted something from your plan"),
    AuditAction.EXPORT: _("Downloaded data from your plan"),
}

# The filter on Min log: plain groups of actions.
KINDS = {
    "read": ([AuditAction.VIEW], _("Looked")),
    "change": ([AuditAction.CREATE, AuditAction.CHANGE, AuditAction.DELETE], _("Changed")),
    "export": ([AuditAction.EXPORT], _("Downloaded")),
}


def purpose_of(action: str, object_type: str) -> str:
    purpose = PURPOSES.get((action, current_object_type(object_type)))
    return str(purpose or BY_ACTION.get(action, _("Other")))
