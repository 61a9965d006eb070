"""Who may see and run a plan's meetings: the plan's rule, narrowed in a household to the
members invited, so a meeting about one member's part is read as that part is."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from enplan.core.models import AnyUser, Role
from enplan.organisation import access as organisation_access
from enplan.plans import access as plan_access


def meetings_visible_to(user: AnyUser):
    """The meetings of the plans this user may see, except, in a household, a meeting to
    which only members they may not see are invited: its place, purpose and agenda are
    about those members. A meeting without invited members (among the professionals) is
    the network's. The member rule is asked per meeting (its plan's coordinator sees every
    member; anyone else a member whose consent covers their department), so nothing is
    worked out across the municipality. For one plan's meetings use `plan_meetings_visible`."""
    return _meetings_visible_to(user, plan_access.plans_visible_to(user))


def _meetings_visible_to(user: AnyUser, plans: QuerySet) -> QuerySet:
    from enplan.meetings.models import Meeting, Participant

    invited = Participant.objects.filter(meeting=OuterRef("pk"), member__isnull=False)
    professional = organisation_access.professional_of(user)
    if professional is None:
        return Meeting.objects.none()
    seen = invited.filter(
        Q(meeting__plan__coordinator=professional)
        | Q(member__consents__in=plan_access.consents_covering(user))
    )
    return Meeting.objects.filter(plan__in=plans).filter(~Exists(invited) | Exists(seen))


def plan_meetings_visible(user: AnyUser, plan, member_ids=None):
    """`meetings_visible_to` for one plan the user may see (the caller has checked that,
    with `plans.access.visible_plan_or_404`): its meetings, within the member rule.
    `member_ids` are the plan's members this user may see, when the caller has them."""
    from enplan.meetings.models import Meeting

    if member_ids is None:
        member_ids = plan_access.visible_member_ids(user, plan)
    return Meeting.objects.filter(plan=plan).filter(meetings_seen_by_members(member_ids))


def meetings_seen_by_members(member_ids, *, meeting_ref: str = "pk") -> Q:
    """For a meeting: true unless it invites members and none of them is among
    `member_ids`. A meeting to which only another member is invited is that member's, on
    both sides (`meetings_visible_to`)."""
    from enplan.meetings.models import Participant

    if not plan_access.member_rule_applies(member_ids):
        return Q()
    invited = Participant.objects.filter(meeting=OuterRef(meeting_ref), member__isnull=False)
    return ~Exists(invited) | Exists(invited.filter(member__in=member_ids))


def visible_meeting_or_404(user: AnyUser, pk):
    """A meeting this user may see (`meetings_visible_to`); 404 otherwise. Its plan is
    asked about by its row (`plans_visible_to(user, by_row=True)`): asked among all the
    user's plans, PostgreSQL spent 6.5 ms planning the statement it ran in 1.6 ms."""
    meeting = (
        _meetings_visible_to(user, plan_access.plans_visible_to(user, by_row=True))
        .filter(pk=pk)
        .select_related("plan__coordinator__user", "created_by")
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def can_run_meeting(user: AnyUser, meeting) -> bool:
    """Recording, evaluation links and the recap belong to the plan's coordinator and to
    the professional who convened the meeting (a bilateral is often convened by another)."""
    if plan_access.is_coordinator(user, meeting.plan):
        return True
    return organisation_access.works_with_cases(user) and meeting.created_by_id == user.pk


def require_meeting_runner(user: AnyUser, meeting) -> None:
    if not can_run_meeting(user, meeting):
        raise PermissionDenied


def can_see_learning_themes(user: AnyUser) -> bool:
    """The themes overview holds no personal data: team leaders (the steering group) and
    professionals of the municipality may read it, for the workshop."""
    if not user.is_authenticated or not user.municipality_id:
        return False
    return user.role == Role.LEADER or organisation_access.works_with_cases(user)


def learning_themes_or_404(user: AnyUser) -> None:
    if not can_see_learning_themes(user):
        raise Http404


def citizen_meetings(scope: plan_access.CitizenScope, meetings: QuerySet) -> QuerySet:
    """The meetings the citizen takes part in: meetings with the citizen to which they, or
    a member whose part they see, are invited. Meetings among the professionals (a
    bilateral included) are the professionals', and another adult's meeting is theirs."""
    from enplan.meetings.models import MeetingKind, Participant

    invited = Participant.objects.filter(meeting=OuterRef("pk"), member__in=scope.member_ids)
    return meetings.filter(Exists(invited), kind=MeetingKind.NETWORK)
