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
    the network's."""
    from enplan.meetings.models import Meeting, Participant

    invited = Participant.objects.filter(meeting=OuterRef("pk"), member__isnull=False)
    seen = invited.filter(member__in=plan_access.members_visible_to(user).values("pk"))
    return Meeting.objects.filter(plan__in=plan_access.plans_visible_to(user)).filter(
        ~Exists(invited) | Exists(seen)
    )


def meetings_seen_by_members(member_ids, *, meeting_ref: str = "pk") -> Q:
    """For a meeting: true unless it invites members and none of them is among
    `member_ids`. A meeting to which only another member is invited is that member's, on
    both sides (`meetings_visible_to`)."""
    from enplan.meetings.models import Participant

    invited = Participant.objects.filter(meeting=OuterRef(meeting_ref), member__isnull=False)
    return ~Exists(invited) | Exists(invited.filter(member__in=member_ids))


def visible_meeting_or_404(user: AnyUser, pk):
    """A meeting this user may see (`meetings_visible_to`); 404 otherwise."""
    meeting = (
        meetings_visible_to(user)
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
