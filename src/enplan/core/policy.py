"""Who may see and do what. The one door for access to citizens' data.

Every view, API endpoint, export and selector asks this module; nothing filters by hand.
The rules, from the design brief:

- Tenancy: nobody reaches anything outside their own municipality.
- Need-to-know: a professional sees a plan only while they are its coordinator, or an
  active actor on it whose department the citizen's consent covers. Everyone else gets a
  404 rather than a 403, so that not even the plan's existence is revealed.
- Within a household plan, a professional sees a member's own parts (wishes, goals,
  interventions, network) only when that member's consent covers their department.
- Team leaders and administrators see no individual plan at all. Team leaders see
  figures across their municipality's plans, with groups of fewer than five citizens
  suppressed (`sees_steering_figures`, `plans_for_figures`).
- Citizens see their own plan on the citizen's side; their rules are at the end.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from enplan.coordination.models import Respondent, ScopeKind, SurveyRound
from enplan.core.models import Role
from enplan.organisation.models import Professional
from enplan.plans.models import Actor, Consent, Plan, PlanMember, PlanStatus


def professional_of(user) -> Professional | None:
    """The professional record behind a logged-in case worker, or None.

    Fetched once per request with its department and area, because both the access rules
    and the audit trail need them.
    """
    if not user.is_authenticated or user.role != Role.PROFESSIONAL or not user.municipality_id:
        return None
    if not hasattr(user, "_enplan_professional"):
        user._enplan_professional = (
            Professional.objects.select_related("department__area", "profession")
            .filter(user=user, municipality_id=user.municipality_id, is_active=True)
            .first()
        )
    return user._enplan_professional


def works_with_cases(user) -> bool:
    return professional_of(user) is not None


def _consents_covering(professional, day) -> QuerySet[Consent]:
    department = professional.department
    if department is None:
        return Consent.objects.none()
    return Consent.objects.filter(
        Q(departments=department) | Q(areas=department.area_id),
        given_on__lte=day,
        withdrawn_on__isnull=True,
    )


def plans_visible_to(user) -> QuerySet[Plan]:
    professional = professional_of(user)
    if professional is None:
        return Plan.objects.none()
    today = timezone.localdate()
    # Start from the few plans this person is an actor on (the actor index) and check the
    # consents of those plans only: a municipality has tens of thousands of plans, a
    # caseworker a few hundred.
    acting_on = Actor.objects.active_on(today).filter(professional=professional).values("plan_id")
    consented = _consents_covering(professional, today).filter(plan__in=acting_on).values("plan_id")
    return Plan.objects.filter(municipality_id=user.municipality_id).filter(
        Q(coordinator=professional) | Q(pk__in=consented)
    )


def visible_plan_or_404(user, pk) -> Plan:
    plan = (
        plans_visible_to(user)
        .select_related(
            "coordinator__profession",
            "coordinator__department__area",
            "coordinator__user",
        )
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def is_coordinator(user, plan: Plan) -> bool:
    professional = professional_of(user)
    return professional is not None and plan.coordinator_id == professional.pk


def visible_member_ids(user, plan: Plan) -> set[int]:
    """The members whose own parts of the plan this user may see."""
    if is_coordinator(user, plan):
        return set(PlanMember.objects.filter(plan=plan).values_list("pk", flat=True))
    professional = professional_of(user)
    if professional is None:
        return set()
    return set(
        PlanMember.objects.filter(
            plan=plan, consents__in=_consents_covering(professional, timezone.localdate())
        ).values_list("pk", flat=True)
    )


def members_visible_to(user) -> QuerySet[PlanMember]:
    """Across plans, the members whose own parts this user may see: every member of the
    plans they coordinate, and the members whose consent covers their department on the
    plans they are an active actor on (the rule of `visible_member_ids`, as one query)."""
    professional = professional_of(user)
    if professional is None:
        return PlanMember.objects.none()
    consented = _consents_covering(professional, timezone.localdate())
    return PlanMember.objects.filter(plan__in=plans_visible_to(user)).filter(
        Q(plan__coordinator=professional) | Q(consents__in=consented)
    )


def can_manage_plan(user, plan: Plan) -> bool:
    """Coordinator-only actions: consent, hand-over, membership and review date."""
    return is_coordinator(user, plan)


def require_coordinator(user, plan: Plan) -> None:
    # The plan is already visible to this user, so a 404 would be confusing; the action is
    # simply not theirs to take. PermissionDenied renders as 403.
    if not can_manage_plan(user, plan):
        raise PermissionDenied


def can_withdraw_registration(user, plan: Plan, registration) -> bool:
    """A mistaken step registration is withdrawn by whoever made it, or by the coordinator."""
    return registration.registered_by_id == user.pk or is_coordinator(user, plan)


def require_professional(user) -> None:
    if not works_with_cases(user):
        raise Http404


# Meetings -------------------------------------------------------------------------------


def meetings_visible_to(user):
    """The meetings of the plans this user may see, except, in a household, a meeting to
    which only members they may not see are invited: its place, purpose and agenda are
    about those members. A meeting without invited members (among the professionals) is
    the network's."""
    from enplan.meetings.models import Meeting, Participant

    invited = Participant.objects.filter(meeting=OuterRef("pk"), member__isnull=False)
    seen = invited.filter(member__in=members_visible_to(user).values("pk"))
    return Meeting.objects.filter(plan__in=plans_visible_to(user)).filter(
        ~Exists(invited) | Exists(seen)
    )


def about_members_seen(member_ids, *, meeting_ref: str = "pk") -> Q:
    """For a meeting: true unless it invites members and none of them is among
    `member_ids`. A meeting to which only another member is invited is that member's, on
    both sides (`meetings_visible_to`)."""
    from enplan.meetings.models import Participant

    invited = Participant.objects.filter(meeting=OuterRef(meeting_ref), member__isnull=False)
    return ~Exists(invited) | Exists(invited.filter(member__in=member_ids))


def log_entries_about_members_seen(member_ids) -> Q:
    """For a log entry: true unless it is about some members only and none of them is
    among `member_ids` (what happened to a meeting to which only another member was
    invited is that member's, as the meeting is)."""
    from enplan.plans.models import LogEntryAbout

    about = LogEntryAbout.objects.filter(log_entry=OuterRef("pk"))
    return ~Exists(about) | Exists(about.filter(member__in=member_ids))


def visible_meeting_or_404(user, pk):
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


def can_run_meeting(user, meeting) -> bool:
    """Recording, evaluation links and the recap belong to the plan's coordinator and to
    the professional who convened the meeting (a bilateral is often convened by another)."""
    if is_coordinator(user, meeting.plan):
        return True
    return works_with_cases(user) and meeting.created_by_id == user.pk


def require_meeting_runner(user, meeting) -> None:
    if not can_run_meeting(user, meeting):
        raise PermissionDenied


def can_see_learning_themes(user) -> bool:
    """The themes overview holds no personal data: team leaders (the steering group) and
    professionals of the municipality may read it, for the workshop."""
    if not user.is_authenticated or not user.municipality_id:
        return False
    return user.role == Role.LEADER or works_with_cases(user)


# The citizen's side ----------------------------------------------------------------------
#
# A citizen logs in with MitID and reaches only the plans they are a member of, in their
# own municipality. Within a household plan (the rules from the field, and the law on
# custody):
#
# - everyone sees their own part and the parts that belong to the whole household;
# - a parent with custody sees the parts of the children in their custody, until the
#   child turns 18;
# - a young person gets their own login from 15 (settings.ENPLAN_CITIZEN_OWN_LOGIN_AGE)
#   and may hide what they write themselves from their parents; the professionals' parts
#   about them stay visible to a parent with custody;
# - an adult member's part is theirs alone unless they choose to share it;
# - internal notes of the professionals are never shown on the citizen's side;
# - a private person the citizen chose to keep from the professionals is never shown to
#   a professional, coordinator included.


def citizen_of(user):
    """The citizen behind a logged-in citizen user, or None. Cached on the user."""
    from enplan.plans.models import Citizen

    if not user.is_authenticated or user.role != Role.CITIZEN or not user.municipality_id:
        return None
    if not hasattr(user, "_enplan_citizen"):
        user._enplan_citizen = Citizen.objects.filter(
            user=user, municipality_id=user.municipality_id
        ).first()
    return user._enplan_citizen


def may_log_in_as_citizen(citizen) -> bool:
    return citizen is not None and citizen.age >= settings.ENPLAN_CITIZEN_OWN_LOGIN_AGE


def is_citizen(user) -> bool:
    return citizen_of(user) is not None


def require_staff_side(user) -> None:
    """The municipality's own pages are closed to citizens, even those that would show them
    nothing: 404, as for any page that is not theirs."""
    if is_citizen(user):
        raise Http404


def citizen_plans(user) -> QuerySet[Plan]:
    """The plans a citizen is a member of. Nothing for anyone else, or for a child under
    the age of their own login."""
    citizen = citizen_of(user)
    if not may_log_in_as_citizen(citizen):
        return Plan.objects.none()
    return Plan.objects.filter(
        municipality_id=user.municipality_id, members__citizen=citizen
    ).distinct()


def citizen_plan_or_404(user, pk) -> Plan:
    plan = (
        citizen_plans(user)
        .select_related("coordinator__department__area", "coordinator__profession")
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404
    return plan


@dataclass(frozen=True)
class CitizenScope:
    """What one citizen may see of one plan, worked out once per request."""

    member: PlanMember  # the citizen's own membership
    member_ids: frozenset  # members whose parts they see (own, children in custody, sharers)
    children_ids: frozenset  # children in their custody
    hidden_writer_ids: frozenset  # members whose own writing they may not see
    hidden_writer_user_ids: frozenset

    def parts(self) -> Q:
        """Parts (goals, interventions, actors) of a member they see, or of the household."""
        return Q(member__isnull=True) | Q(member__in=self.member_ids)

    def can_write_for(self, member) -> bool:
        """Their own words, and a young child's words written by a parent with custody."""
        if member.pk == self.member.pk:
            return True
        return member.pk in self.children_ids and not may_log_in_as_citizen(member.citizen)

    @property
    def can_manage_consent(self) -> bool:
        # In a household an adult consents for themselves and the children in their
        # custody; a citizen with a plan of their own consents for themselves.
        return self.member.is_adult or self.member.plan.kind == "citizen"

    @property
    def is_young_person(self) -> bool:
        return not self.member.is_adult and self.member.plan.kind == "household"


def citizen_scope(user, plan: Plan) -> CitizenScope:
    """The citizen's view of `plan`; 404 if they are not a member (or too young)."""
    citizen = citizen_of(user)
    if not may_log_in_as_citizen(citizen):
        raise Http404
    members = list(
        PlanMember.objects.filter(plan=plan)
        .select_related("citizen", "plan")
        .prefetch_related(Prefetch("custodians", queryset=PlanMember.objects.only("id")))
    )
    own = next((m for m in members if m.citizen_id == citizen.pk), None)
    if own is None:
        raise Http404
    # Custody ends at 18, whatever the plan still records: from then on the young adult's
    # part is theirs alone, as any adult member's.
    children = {
        m.pk for m in members if not m.is_adult and own.pk in {c.pk for c in m.custodians.all()}
    }
    sharing_adults = {
        m.pk for m in members if m.pk != own.pk and m.is_adult and m.shares_with_household
    }
    hidden = {m for m in members if m.pk in children and m.hides_writing_from_custodians}
    return CitizenScope(
        member=own,
        member_ids=frozenset({own.pk} | children | sharing_adults),
        children_ids=frozenset(children),
        hidden_writer_ids=frozenset(m.pk for m in hidden),
        hidden_writer_user_ids=frozenset(
            m.citizen.user_id for m in hidden if m.citizen.user_id is not None
        ),
    )


def citizen_log_entries(
    scope: CitizenScope, entries: QuerySet, *, with_internal: bool = False
) -> QuerySet:
    """The stafetlog as the citizen may read it: no internal notes, nothing about parts
    they do not see, and nothing a young person has hidden from them.

    `with_internal` keeps the internal notes, for Min log, which tells that a note was
    written without showing it.
    """
    ids = scope.member_ids
    if not with_internal:
        entries = entries.filter(is_internal=False)
    return entries.filter(
        Q(goal__isnull=True) | Q(goal__member__isnull=True) | Q(goal__member__in=ids),
        Q(intervention__isnull=True)
        | Q(intervention__member__isnull=True)
        | Q(intervention__member__in=ids),
        Q(citizen_author__isnull=True) | Q(citizen_author__in=ids),
        log_entries_about_members_seen(ids),
    ).exclude(citizen_author__in=scope.hidden_writer_ids)


def citizen_actors(scope: CitizenScope, actors: QuerySet) -> QuerySet:
    return actors.filter(scope.parts()).exclude(added_by_id__in=scope.hidden_writer_user_ids)


def citizen_meetings(scope: CitizenScope, meetings: QuerySet) -> QuerySet:
    """The meetings the citizen takes part in: meetings with the citizen to which they, or
    a member whose part they see, are invited. Meetings among the professionals (a
    bilateral included) are the professionals', and another adult's meeting is theirs."""
    from enplan.meetings.models import MeetingKind, Participant

    invited = Participant.objects.filter(meeting=OuterRef("pk"), member__in=scope.member_ids)
    return meetings.filter(Exists(invited), kind=MeetingKind.NETWORK)


def professional_actors(actors: QuerySet) -> QuerySet:
    """The network as professionals see it: without the private persons the citizen
    chose to keep to themselves."""
    return actors.filter(visible_to_professionals=True)


def plans_known_to(user) -> QuerySet[Plan]:
    """The plans a user may still be told about (their notices): the plans they may see,
    on the professionals' side or the citizen's. A notice about any other plan is hidden
    once access ends, for its text names the plan."""
    if citizen_of(user) is not None:
        return citizen_plans(user)
    return plans_visible_to(user)


# Relational coordination ----------------------------------------------------------------
#
# Who may do what with survey rounds among the professionals:
#
# - A round for one plan's professionals is run by that plan's coordinator (the current
#   one: a hand-over moves the round with the plan). A team leader cannot start or see it:
#   its name, its groups and its respondents would tell a leader which citizen has which
#   professionals around them, and leaders see no individual case.
# - A round for a team across departments is run by the team leader who created it; it
#   names no citizen.
# - A respondent is a professional with a login who was invited. They see their own form,
#   and nobody else's. In a plan's round they must still be able to see the plan.
# - Nobody sees an individual answer. Results are per group, only once the round has
#   closed (so nobody can watch the figures move as each colleague answers), and only for
#   ties with at least `coordination_min_respondents()` respondents, in every page, export
#   and command.
# - The round's results are for the people who ran it and for the respondents who took
#   part, so the team can talk about them.


def coordination_min_respondents() -> int:
    """The fewest respondents behind any figure shown. Never below three, whatever the
    settings say: with two, each of them can work out the other's answers."""
    return max(3, int(getattr(settings, "ENPLAN_RC_MIN_RESPONDENTS", 3)))


def is_team_leader(user) -> bool:
    return bool(
        user.is_authenticated and user.role == Role.LEADER and user.municipality_id is not None
    )


def can_start_team_round(user) -> bool:
    return is_team_leader(user)


def plans_for_new_round(user) -> QuerySet[Plan]:
    """The plans this user may start a round for: the active plans they coordinate."""
    professional = professional_of(user)
    if professional is None:
        return Plan.objects.none()
    return Plan.objects.filter(
        municipality_id=user.municipality_id,
        coordinator=professional,
        status=PlanStatus.ACTIVE,
    )


def can_start_any_round(user) -> bool:
    return can_start_team_round(user) or plans_for_new_round(user).exists()


def rounds_managed_by(user):
    if not user.is_authenticated or not user.municipality_id:
        return SurveyRound.objects.none()
    conditions = []
    professional = professional_of(user)
    if professional is not None:
        conditions.append(Q(scope=ScopeKind.PLAN, plan__coordinator=professional))
    if is_team_leader(user):
        conditions.append(Q(scope=ScopeKind.TEAM, created_by=user))
    if not conditions:
        return SurveyRound.objects.none()
    condition = conditions[0]
    for extra in conditions[1:]:
        condition |= extra
    return SurveyRound.objects.filter(municipality_id=user.municipality_id).filter(condition)


def round_managed_or_404(user, pk):
    """The round, for the person running it. A respondent of the round may know it exists
    but may not run it (403); anyone else gets 404."""
    round_ = rounds_managed_by(user).select_related("plan").filter(pk=pk).first()
    if round_ is None:
        if respondent_records_of(user).filter(round_id=pk).exists():
            raise PermissionDenied
        raise Http404
    return round_


def respondent_records_of(user):
    """The invitations this user may answer: their own, and in a plan's round only while
    they can still see the plan."""
    professional = professional_of(user)
    if professional is None:
        return Respondent.objects.none()
    return Respondent.objects.filter(
        municipality_id=user.municipality_id, professional=professional
    ).filter(
        Q(round__scope=ScopeKind.TEAM) | Q(round__plan__in=plans_visible_to(user).values("pk"))
    )


def may_still_take_part(respondent) -> bool:
    """Whether an invited professional may still answer the round and hear about it: in a
    plan's round, only while they can see the plan (consent withdrawn or their part in the
    network ended, the round's notices stop too: its name is often the family's)."""
    user = respondent.professional.user
    if user is None or not user.is_active:
        return False
    return respondent_records_of(user).filter(pk=respondent.pk).exists()


def own_respondent_or_404(user, round_pk):
    respondent = (
        respondent_records_of(user)
        .select_related("round__plan", "group")
        .filter(round_id=round_pk)
        .first()
    )
    if respondent is None:
        raise Http404
    return respondent


def rounds_with_results_for(user):
    """Rounds whose group results this user may read (once they are closed)."""
    managed = rounds_managed_by(user).values("pk")
    answered = respondent_records_of(user).filter(submitted_at__isnull=False).values("round_id")
    return SurveyRound.objects.filter(municipality_id=user.municipality_id).filter(
        Q(pk__in=managed) | Q(pk__in=answered)
    )


def round_results_or_404(user, pk):
    round_ = rounds_with_results_for(user).select_related("plan").filter(pk=pk).first()
    if round_ is None:
        raise Http404
    return round_


def can_manage_round(user, round_) -> bool:
    return rounds_managed_by(user).filter(pk=round_.pk).exists()


def require_round_manager(user, round_) -> None:
    # The round is visible to this respondent; running it is not theirs to do.
    if not can_manage_round(user, round_):
        raise PermissionDenied


def results_released(round_) -> bool:
    return round_.is_closed


# Finding the citizens (enplan.targeting) --------------------------------------------------
#
# Nominations: any professional nominates and sees their own nominations and the outcome;
# the municipality's nomination handlers (a visitation team named by the administrator)
# see them all, decide them and send the invitations. Team leaders see nomination figures
# only, like every other figure: small counts suppressed.
#
# Screening rounds, separation of duties:
# - the administrator sets a round up and records the gate (legal basis, DPIA, DPO);
# - reviewers (professionals appointed to the round) upload their department's extract and
#   accept or reject candidates. They see pseudonyms, never who is behind them;
# - the key holder (a role of its own, not a professional) re-identifies accepted
#   candidates only, and sees nothing else of the round;
# - team leaders and administrators see counts, never a pseudonym.


def _same_municipality(user, obj) -> bool:
    return (
        user.is_authenticated
        and user.municipality_id is not None
        and obj.municipality_id == user.municipality_id
    )


def can_nominate(user) -> bool:
    return works_with_cases(user)


def handles_nominations(user) -> bool:
    from enplan.targeting.models import NominationHandler

    professional = professional_of(user)
    if professional is None:
        return False
    if not hasattr(user, "_enplan_handles_nominations"):
        user._enplan_handles_nominations = NominationHandler.objects.filter(
            professional=professional, municipality_id=user.municipality_id
        ).exists()
    return user._enplan_handles_nominations


def nominations_visible_to(user):
    from enplan.targeting.models import Nomination

    if handles_nominations(user):
        return Nomination.objects.filter(municipality_id=user.municipality_id)
    if can_nominate(user):
        return Nomination.objects.filter(municipality_id=user.municipality_id, nominated_by=user)
    return Nomination.objects.none()


def visible_nomination_or_404(user, pk):
    nomination = (
        nominations_visible_to(user)
        .select_related("department__area", "merged_into", "decided_by", "invitation")
        .filter(pk=pk)
        .first()
    )
    if nomination is None:
        raise Http404
    return nomination


def require_nomination_handler(user) -> None:
    if not handles_nominations(user):
        raise Http404


def invitations_visible_to(user):
    from enplan.targeting.models import Invitation

    if not handles_nominations(user):
        return Invitation.objects.none()
    return Invitation.objects.filter(municipality_id=user.municipality_id)


def sees_targeting_figures(user) -> bool:
    """Team leaders and administrators: aggregates of nominations and rounds, no persons."""
    return (
        user.is_authenticated
        and user.municipality_id is not None
        and user.role in (Role.LEADER, Role.ADMIN)
    )


def is_key_holder(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.municipality_id is not None
        and user.role == Role.KEY_HOLDER
    )


def is_reviewer(user, screening_round) -> bool:
    professional = professional_of(user)
    if professional is None or not _same_municipality(user, screening_round):
        return False
    cache = user.__dict__.setdefault("_enplan_reviewer_rounds", {})
    if screening_round.pk not in cache:
        cache[screening_round.pk] = screening_round.reviewers.filter(pk=professional.pk).exists()
    return cache[screening_round.pk]


def rounds_visible_to(user):
    """The rounds whose overview page this user may open."""
    from enplan.targeting.models import ScreeningRound

    if not user.is_authenticated or user.municipality_id is None:
        return ScreeningRound.objects.none()
    rounds = ScreeningRound.objects.filter(municipality_id=user.municipality_id)
    if sees_targeting_figures(user) or is_key_holder(user):
        return rounds
    professional = professional_of(user)
    if professional is None:
        return ScreeningRound.objects.none()
    return rounds.filter(reviewers=professional)


def visible_round_or_404(user, pk):
    screening_round = (
        rounds_visible_to(user).select_related("rule_version__rule_set").filter(pk=pk).first()
    )
    if screening_round is None:
        raise Http404
    return screening_round


def can_see_pseudonyms(user, screening_round) -> bool:
    """Reviewers see the shortlist; the key holder sees the accepted candidates'. Leaders
    and administrators never do."""
    return is_reviewer(user, screening_round) or (
        is_key_holder(user) and _same_municipality(user, screening_round)
    )


def candidates_visible_to(user, screening_round):
    from enplan.targeting.models import Candidate, CandidateDecision

    candidates = Candidate.objects.filter(
        round=screening_round, municipality_id=screening_round.municipality_id
    )
    if is_reviewer(user, screening_round):
        return candidates
    if is_key_holder(user) and _same_municipality(user, screening_round):
        return candidates.filter(decision=CandidateDecision.ACCEPTED)
    return Candidate.objects.none()


def can_upload_extract(user, screening_round) -> bool:
    return is_reviewer(user, screening_round)


def can_review(user, screening_round) -> bool:
    return is_reviewer(user, screening_round)


def can_reidentify(user, screening_round) -> bool:
    """Only the key holder, never a reviewer: whoever judges the pseudonymous candidates
    must not be able to learn who they are."""
    return is_key_holder(user) and _same_municipality(user, screening_round)


def can_manage_screening_round(user, screening_round) -> bool:
    return (
        user.is_authenticated
        and user.role == Role.ADMIN
        and user.is_staff
        and _same_municipality(user, screening_round)
    )


def require(allowed: bool) -> None:
    """For an action on something the user may already see: 403, not 404."""
    if not allowed:
        raise PermissionDenied


def sees_steering_figures(user) -> bool:
    """Team leaders follow progression, patterns and cost in aggregate (the steering
    group's monthly dialogue). They see figures across plans, never a single case."""
    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.LEADER
        and user.municipality_id is not None
    )


def require_steering(user) -> None:
    if not sees_steering_figures(user):
        raise Http404


def plans_for_figures(user) -> QuerySet[Plan]:
    """The plans a leader's figures are computed over: every plan in their municipality.

    Only ever aggregated, with small groups suppressed: never listed, linked or opened.
    """
    if not sees_steering_figures(user):
        return Plan.objects.none()
    return Plan.objects.filter(municipality_id=user.municipality_id)
