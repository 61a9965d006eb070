"""Writes for finding the citizens. Every service is one transaction and writes its own
audit event; extracts are checked whole before anything is stored."""

import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from enplan.core import access as core_access
from enplan.core import audit, cpr
from enplan.core.concurrency import save_if_unchanged
from enplan.core.models import AuditAction, NoticeKind, User
from enplan.core.notifications import notify
from enplan.organisation import access as organisation_access
from enplan.organisation.models import Area, Department
from enplan.plans import services as plan_services
from enplan.plans.models import MemberRole, PlanKind
from enplan.targeting import access, engine, pseudonyms
from enplan.targeting.models import (
    Candidate,
    CandidateDecision,
    Extract,
    Invitation,
    InvitationSource,
    InvitationStatus,
    InvitedPerson,
    Nomination,
    NominationHandler,
    NominationStatus,
    RoundStatus,
    RuleSet,
    RuleVersion,
    ScreeningRound,
)

# Nominations -----------------------------------------------------------------------------


@transaction.atomic
def nomination_create(
    *,
    user: User,
    cpr_number: str,
    first_name: str,
    last_name: str,
    department: Department,
    reason: str,
    areas: list[Area],
    whole_household: bool = False,
    path: str = "",
) -> Nomination:
    professional = organisation_access.professional_of(user)
    if professional is None:
        raise ValidationError(_("Only professionals can nominate citizens."))
    core_access.check_same_municipality(user, department, *areas)
    parsed = cpr.parse(cpr_number)
    if not reason.strip():
        raise ValidationError({"reason": _("Write in a few words why one plan would help.")})
    nomination = Nomination.objects.create(
        municipality_id=professional.municipality_id,
        cpr=parsed.formatted,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        whole_household=whole_household,
        department=department,
        reason=reason.strip(),
        nominated_by=user,
        nominator_name=professional.name,
    )
    nomination.areas.set(areas)
    audit.record(user=user, action=AuditAction.CREATE, obj=nomination, path=path)
    _notify_handlers(
        municipality_id=user.municipality_id,
        key=f"nomination-new:{nomination.pk}",
        text=_("A new nomination is waiting for a decision."),
        url=reverse("targeting:nomination", args=[nomination.pk]),
        except_user=user,
        # New nominations waiting for a decision are one notice with a count.
        fold_key=f"nomination-new:{user.municipality_id}",
    )
    return nomination


def _notify_handlers(
    *, municipality_id, key: str, text: str, url: str, except_user=None, fold_key: str = ""
):
    handlers = NominationHandler.objects.filter(
        municipality_id=municipality_id, professional__user__isnull=False
    ).select_related("professional__user")
    for handler in handlers:
        handler_user = handler.professional.user
        if handler_user is not None and (except_user is None or handler_user != except_user):
            notify(
                user=handler_user,
                key=key,
                text=text,
                url=url,
                kind=NoticeKind.NOMINATION,
                fold_key=fold_key,
            )


def _decidable(nomination: Nomination) -> None:
    if nomination.status != NominationStatus.OPEN:
        raise ValidationError(_("The nomination has already been decided."))


def _notify_outcome(nomination: Nomination, text: str) -> None:
    url = reverse("targeting:nomination", args=[nomination.pk])
    for item in [nomination, *nomination.merged.select_related("nominated_by")]:
        notify(
            user=item.nominated_by,
            key=f"nomination-outcome:{item.pk}",
            text=text,
            url=reverse("targeting:nomination", args=[item.pk]) if item != nomination else url,
            kind=NoticeKind.NOMINATION,
        )


@transaction.atomic
def nomination_accept(
    *, user: User, nomination: Nomination, version: int, reason: str = "", path: str = ""
) -> Invitation:
    access.nomination_handler_or_404(user)
    core_access.check_same_municipality(user, nomination)
    _decidable(nomination)
    invitation = Invitation.objects.create(
        municipality_id=nomination.municipality_id,
        source=InvitationSource.NOMINATION,
        kind=PlanKind.HOUSEHOLD if nomination.whole_household else PlanKind.CITIZEN,
        created_by=user,
    )
    InvitedPerson.objects.create(
        municipality_id=nomination.municipality_id,
        invitation=invitation,
        cpr=nomination.cpr,
        first_name=nomination.first_name,
        last_name=nomination.last_name,
        role=MemberRole.PARENT if nomination.whole_household else MemberRole.CITIZEN,
    )
    nomination.status = NominationStatus.ACCEPTED
    nomination.decided_by = user
    nomination.decided_at = timezone.now()
    nomination.decision_reason = reason.strip()
    nomination.invitation = invitation
    save_if_unchanged(nomination, expected_version=version)
    nomination.merged.update(invitation=invitation)
    audit.record(
        user=user,
        action=AuditAction.CHANGE,
        obj=nomination,
        path=path,
        changed_fields=["status", "invitation"],
    )
    audit.record(user=user, action=AuditAction.CREATE, obj=invitation, path=path)
    _notify_outcome(nomination, _("Your nomination has been accepted: the citizen is invited."))
    return invitation


@transaction.atomic
def nomination_decline(
    *, user: User, nomination: Nomination, version: int, reason: str, path: str = ""
) -> Nomination:
    access.nomination_handler_or_404(user)
    core_access.check_same_municipality(user, nomination)
    _decidable(nomination)
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Write why, so that the nominating professional understands.")}
        )
    nomination.status = NominationStatus.DECLINED
    nomination.decided_by = user
    nomination.decided_at = timezone.now()
    nomination.decision_reason = reason.strip()
    save_if_unchanged(nomination, expected_version=version)
    audit.record(
        user=user,
        action=AuditAction.CHANGE,
        obj=nomination,
        path=path,
        changed_fields=["status", "decision_reason"],
    )
    _notify_outcome(nomination, _("Your nomination has been declined. Read the reason."))
    return nomination


@transaction.atomic
def nomination_merge(
    *, user: User, nomination: Nomination, into: Nomination, version: int, path: str = ""
) -> Nomination:
    """Merge a duplicate (the same citizen, or someone in the same household) into another
    open nomination. Its nominator follows the outcome of the one it was merged into."""
    access.nomination_handler_or_404(user)
    core_access.check_same_municipality(user, nomination, into)
    _decidable(nomination)
    if into.pk == nomination.pk:
        raise ValidationError({"into": _("A nomination cannot be merged into itself.")})
    if into.status != NominationStatus.OPEN:
        raise ValidationError({"into": _("Merge into a nomination that is still open.")})
    nomination.status = NominationStatus.MERGED
    nomination.merged_into = into
    nomination.decided_by = user
    nomination.decided_at = timezone.now()
    save_if_unchanged(nomination, expected_version=version)
    # Whatever was merged into this one follows along.
    nomination.merged.update(merged_into=into)
    into.areas.add(*nomination.areas.all())
    if nomination.whole_household and not into.whole_household:
        Nomination.objects.filter(pk=into.pk).update(whole_household=True)
    audit.record(
        user=user,
        action=AuditAction.CHANGE,
        obj=nomination,
        path=path,
        changed_fields=["status", "merged_into"],
    )
    notify(
        user=nomination.nominated_by,
        key=f"nomination-merged:{nomination.pk}",
        text=_(
            "Your nomination was merged with another nomination of the same citizen or "
            "household. You will see the outcome on your nomination."
        ),
        url=reverse("targeting:nomination", args=[nomination.pk]),
        kind=NoticeKind.NOMINATION,
    )
    return nomination


# Invitations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    given_on: date
    method: str
    departments: list
    areas: list
    note: str = ""


@transaction.atomic
def invitation_accept(
    *,
    user: User,
    invitation: Invitation,
    version: int,
    kind: str,
    members: list[plan_services.NewMember],
    consent: Answer,
    path: str = "",
):
    """The citizen said yes: create the plan (the handler becomes its coordinator) and
    record the consent, through the same services as any other plan."""
    access.nomination_handler_or_404(user)
    core_access.check_same_municipality(user, invitation)
    if invitation.status != InvitationStatus.PENDING:
        raise ValidationError(_("The invitation has already been answered."))
    plan = plan_services.plan_create(user=user, kind=kind, title="", members=members, path=path)
    first = plan.members.select_related("citizen").order_by("order").first()
    assert first is not None  # plan_create refuses a plan without members
    if kind == PlanKind.HOUSEHOLD and not first.is_adult:
        raise ValidationError(
            _("In a household plan, put the adult who says yes as the first person.")
        )
    plan_services.consent_record(
        user=user,
        plan=plan,
        given_by=first,
        covers=[
            first,
            *(c for c in first.children_in_custody.select_related("citizen") if not c.is_adult),
        ],
        given_on=consent.given_on,
        method=consent.method,
        departments=consent.departments,
        areas=consent.areas,
        note=consent.note,
    )
    invitation.status = InvitationStatus.ACCEPTED
    invitation.answered_on = consent.given_on
    invitation.plan = plan
    invitation.kind = kind
    save_if_unchanged(invitation, expected_version=version)
    audit.record(
        user=user,
        action=AuditAction.CHANGE,
        obj=invitation,
        plan=plan,
        path=path,
        changed_fields=["status", "plan"],
    )
    return plan


@transaction.atomic
def invitation_decline(
    *, user: User, invitation: Invitation, version: int, answered_on: date, note: str = "", path=""
) -> Invitation:
    access.nomination_handler_or_404(user)
    core_access.check_same_municipality(user, invitation)
    if invitation.status != InvitationStatus.PENDING:
        raise ValidationError(_("The invitation has already been answered."))
    if answered_on > timezone.localdate():
        raise ValidationError({"answered_on": _("The date cannot be in the future.")})
    invitation.status = InvitationStatus.DECLINED
    invitation.answered_on = answered_on
    invitation.answer_note = note.strip()
    save_if_unchanged(invitation, expected_version=version)
    audit.record(
        user=user, action=AuditAction.CHANGE, obj=invitation, path=path, changed_fields=["status"]
    )
    return invitation


# Rules -----------------------------------------------------------------------------------


@transaction.atomic
def rule_version_add(*, user: User, rule_set: RuleSet, source: str, note: str = "") -> RuleVersion:
    """Check the rules and keep them as the next version; an unchanged text adds nothing."""
    latest = rule_set.versions.order_by("-number").first()
    if latest is not None and latest.source.strip() == source.strip():
        return latest
    from enplan.targeting import rules

    indicators = rule_set.municipality.indicator_set.filter(use="scoring")
    rules.parse(source, indicators=indicators.values_list("key", flat=True))
    return RuleVersion.objects.create(
        municipality_id=rule_set.municipality_id,
        rule_set=rule_set,
        number=(latest.number + 1) if latest else 1,
        source=source.strip() + "\n",
        note=note.strip(),
        created_by=user,
    )


# Screening rounds ------------------------------------------------------------------------


def gate_missing(screening_round: ScreeningRound) -> list[str]:
    """What the round still lacks before screening may start. Empty means the gate is open."""
    missing = []
    if not screening_round.public_task_basis:
        missing.append(_("The legal basis, GDPR art. 6(1)(e), is not recorded."))
    if not screening_round.national_legal_basis.strip():
        missing.append(_("The provision in Danish law that lays down the task is not recorded."))
    if (
        screening_round.pk
        and screening_round.indicators.filter(is_health=True).exists()
        and not screening_round.health_data_basis
    ):
        missing.append(
            _("The catalogue has health indicators, and GDPR art. 9(2)(g) is not recorded.")
        )
    if not screening_round.dpia_file_name:
        missing.append(_("The approved DPIA is not uploaded."))
    if screening_round.dpia_approved_on is None:
        missing.append(_("The date the DPIA was approved is not recorded."))
    if not screening_round.dpo_name.strip() or screening_round.dpo_signed_on is None:
        missing.append(_("The data protection officer's sign-off is not recorded."))
    return missing


def require_gate(screening_round: ScreeningRound) -> None:
    missing = gate_missing(screening_round)
    if missing:
        raise ValidationError(
            [
                _(
                    "Screening is off until the round's legal basis, DPIA and DPO sign-off are "
                    "recorded."
                ),
                *missing,
            ],
            code="gate",
        )


def catalogue_of(screening_round: ScreeningRound) -> engine.Catalogue:
    indicators = list(screening_round.indicators.values_list("key", "is_health"))
    return engine.Catalogue(
        indicators=frozenset(key for key, _health in indicators),
        health=frozenset(key for key, health in indicators if health),
        allow_health=screening_round.health_data_basis,
    )


def _locked_round(screening_round: ScreeningRound) -> ScreeningRound:
    return ScreeningRound.objects.select_for_update().get(pk=screening_round.pk)


def extract_upload(
    *, user: User, screening_round: ScreeningRound, uploaded_file, path: str = ""
) -> Extract:
    """Check a department's extract whole and store it, or store nothing.

    The file is checked before the transaction starts: DuckDB works on a private copy, so
    the database is not held while a large file is read.
    """
    core_access.require(access.can_upload_extract(user, screening_round))
    require_gate(screening_round)
    if screening_round.status != RoundStatus.OPEN:
        raise ValidationError(_("The round is no longer collecting extracts."))
    professional = organisation_access.professional_of(user)
    department = professional.department if professional is not None else None
    if department is None or not screening_round.departments.filter(pk=department.pk).exists():
        raise ValidationError(_("Your department does not take part in this round."))
    with tempfile.TemporaryDirectory(prefix="enplan-upload-") as directory:
        raw = Path(directory) / "upload"
        with raw.open("wb") as handle:
            for chunk in uploaded_file.chunks():
                handle.write(chunk)
        checked = engine.check_extract(raw, catalogue_of(screening_round))
        checked_path = Path(directory) / "checked.parquet"
        checked_path.write_bytes(checked.parquet)
        with transaction.atomic():
            screening_round = _locked_round(screening_round)
            if screening_round.status != RoundStatus.OPEN:
                raise ValidationError(_("The round is no longer collecting extracts."))
            others = list(
                Extract.objects.filter(round=screening_round)
                .exclude(department=department)
                .values_list("pk", "data")
            )
            sources = []
            for pk, data in others:
                other_path = Path(directory) / f"other-{pk}.parquet"
                other_path.write_bytes(bytes(data))
                sources.append(engine.Source(other_path))
            engine.check_against(checked_path, sources, row_of=checked.row_of)
            Extract.objects.filter(round=screening_round, department=department).delete()
            extract = Extract.objects.create(
                municipality_id=screening_round.municipality_id,
                round=screening_round,
                department=department,
                file_name=(getattr(uploaded_file, "name", "") or "extract")[:200],
                data=checked.parquet,
                rows=checked.rows,
                persons=checked.persons,
                households=checked.households,
                per_indicator=checked.per_indicator,
                uploaded_by=user,
            )
            audit.record(user=user, action=AuditAction.CREATE, obj=extract, path=path)
            return extract


def _member_explanation(ruleset, member: engine.MemberScore) -> dict:
    return {
        "person": member.person,
        "points": member.points,
        "rules": [[name, ruleset.points_of(name)] for name in member.rules],
    }


def round_score_request(
    *, user: User, screening_round: ScreeningRound, path: str = ""
) -> ScreeningRound:
    """Put the scoring of the round on the task queue (`tasks.score_round`), after the
    checks a reviewer must see at once: the gate, an open round, at least one extract.
    The round page shows "Beregner…" until the worker is done."""
    core_access.require(access.can_review(user, screening_round))
    require_gate(screening_round)
    with transaction.atomic():
        screening_round = _locked_round(screening_round)
        if screening_round.status != RoundStatus.OPEN:
            raise ValidationError(_("The round has already been scored."))
        if not Extract.objects.filter(round=screening_round).exists():
            raise ValidationError(_("No department has uploaded an extract yet."))
        if screening_round.scoring_requested_at is not None:
            return screening_round
        screening_round.scoring_requested_at = timezone.now()
        screening_round.scoring_error = ""
        screening_round.save(update_fields=["scoring_requested_at", "scoring_error"])
        from enplan.targeting.tasks import score_round

        round_pk, user_pk = screening_round.pk, user.pk
        transaction.on_commit(lambda: score_round.enqueue(round_pk, user_pk, path))
    return screening_round


def round_score_queued(*, round_pk: int, user_pk: int, path: str = "") -> None:
    """The worker's side of `round_score_request`: score as the reviewer who asked, or
    keep the reason it could not be done for the round page."""
    screening_round = ScreeningRound.objects.get(pk=round_pk)
    user = User.objects.get(pk=user_pk)
    try:
        round_score(user=user, screening_round=screening_round, path=path)
    except (ValidationError, PermissionDenied) as error:
        message = " ".join(getattr(error, "messages", [])) or _(
            "You may no longer score this round."
        )
        ScreeningRound.objects.filter(pk=round_pk).update(
            scoring_requested_at=None, scoring_error=message[:500]
        )


def round_score(*, user: User, screening_round: ScreeningRound, path: str = "") -> ScreeningRound:
    """Score the round's extracts with its rules and put the proposed households on the
    shortlist, each with the explanation of its points."""
    core_access.require(access.can_review(user, screening_round))
    require_gate(screening_round)
    with tempfile.TemporaryDirectory(prefix="enplan-score-") as directory, transaction.atomic():
        screening_round = _locked_round(screening_round)
        if screening_round.status != RoundStatus.OPEN:
            raise ValidationError(_("The round has already been scored."))
        extracts = list(
            Extract.objects.filter(round=screening_round)
            .select_related("department")
            .values_list("pk", "department__name", "data", "rows")
        )
        if not extracts:
            raise ValidationError(_("No department has uploaded an extract yet."))
        sources = []
        for pk, department_name, data, _rows in extracts:
            source_path = Path(directory) / f"extract-{pk}.parquet"
            source_path.write_bytes(bytes(data))
            sources.append(engine.Source(source_path, label=department_name))
        scoring = screening_round.indicators.filter(use="scoring").values_list("key", flat=True)
        ruleset = screening_round.rule_version.parsed(indicators=list(scoring))
        groups = screening_round.indicators.filter(use="group").values_list("key", flat=True)
        result = engine.score(sources, ruleset, group_indicators=list(groups))
        Candidate.objects.bulk_create(
            [
                Candidate(
                    municipality_id=screening_round.municipality_id,
                    round=screening_round,
                    rank=rank,
                    household=household.household,
                    points=household.points,
                    members=[_member_explanation(ruleset, m) for m in household.members],
                )
                for rank, household in enumerate(result.candidates, start=1)
            ]
        )
        screening_round.status = RoundStatus.REVIEW
        screening_round.scored_at = timezone.now()
        screening_round.scoring_requested_at = None
        screening_round.scoring_error = ""
        screening_round.counts = {
            "uploaded_extracts": len(extracts),
            "uploaded_rows": sum(e[3] for e in extracts),
            "scored_persons": result.persons,
            "scored_households": result.households,
            "proposed_households": len(result.candidates),
            "proposed_persons": result.proposed_persons,
        }
        screening_round.groups = [
            {"kind": g.kind, "group": g.group, "population": g.population, "proposed": g.proposed}
            for g in result.groups
        ]
        screening_round.save(
            update_fields=[
                "status",
                "scored_at",
                "counts",
                "groups",
                "scoring_requested_at",
                "scoring_error",
            ]
        )
        audit.record(
            user=user,
            action=AuditAction.CHANGE,
            obj=screening_round,
            path=path,
            changed_fields=["status", "scored_at"],
        )
        return screening_round


@transaction.atomic
def candidate_review(
    *, user: User, candidate: Candidate, accept: bool, reason: str, path: str = ""
) -> Candidate:
    screening_round = candidate.round
    core_access.require(access.can_review(user, screening_round))
    if screening_round.status != RoundStatus.REVIEW:
        raise ValidationError(_("The round is not under review."))
    if not reason.strip():
        raise ValidationError({"reason": _("Write the reason for the decision.")})
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.decision != CandidateDecision.PENDING:
        raise ValidationError(
            _("Another reviewer has decided this candidate in the meantime. Reload the page.")
        )
    if accept and candidate.first_approved_by_id is None:
        # Re-identification cannot be undone: one reviewer's approval is not enough.
        candidate.first_approved_by = user
        candidate.first_approved_at = timezone.now()
        candidate.first_reason = reason.strip()
        candidate.save(update_fields=["first_approved_by", "first_approved_at", "first_reason"])
        audit.record(
            user=user,
            action=AuditAction.CHANGE,
            obj=candidate,
            path=path,
            changed_fields=["first_approved_by", "first_reason"],
        )
        return candidate
    if accept and candidate.first_approved_by_id == user.pk:
        raise ValidationError(
            _("You have approved this candidate already. A second reviewer must approve it.")
        )
    candidate.decision = CandidateDecision.ACCEPTED if accept else CandidateDecision.REJECTED
    candidate.reason = reason.strip()
    candidate.decided_by = user
    candidate.decided_at = timezone.now()
    candidate.save(update_fields=["decision", "reason", "decided_by", "decided_at"])
    audit.record(
        user=user,
        action=AuditAction.CHANGE,
        obj=candidate,
        path=path,
        changed_fields=["decision", "reason"],
    )
    return candidate


@dataclass(frozen=True)
class Person:
    cpr: str
    first_name: str
    last_name: str


@transaction.atomic
def candidate_reidentify(
    *, user: User, candidate: Candidate, key: str, people: list[Person], path: str = ""
) -> Invitation:
    """Turn an accepted candidate into an invitation: the key holder gives the CPR numbers
    (typed, or from the department's list) and the key; only numbers whose keyed pseudonym
    is one of the candidate's members are kept, everything else is dropped unseen.

    The key is used in memory for this request only, never stored or logged.
    """
    screening_round = candidate.round
    core_access.require(access.can_reidentify(user, screening_round))
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.decision != CandidateDecision.ACCEPTED:
        raise ValidationError(
            _("Only candidates the reviewers have accepted can be re-identified.")
        )
    if candidate.invitation_id is not None:
        raise ValidationError(_("The candidate has already been re-identified."))
    secret = pseudonyms.check_key(key)
    wanted = {m["person"] for m in candidate.members}
    found: dict[str, Person] = {}
    for person in people:
        digits = pseudonyms.cpr_digits(person.cpr)
        if digits is None:
            continue
        value = pseudonyms.pseudonym(secret, digits)
        if value in wanted and value not in found:
            if not person.first_name.strip() or not person.last_name.strip():
                raise ValidationError(_("Write the first and last name of every person."))
            found[value] = person
    if not found:
        raise ValidationError(
            _("None of the CPR numbers belongs to this candidate. Check the numbers and the key.")
        )
    if len(found) < len(wanted):
        raise ValidationError(
            _(
                "%(found)d of the %(wanted)d members were found. Give the CPR numbers of all "
                "members of the household."
            )
            % {"found": len(found), "wanted": len(wanted)}
        )
    ordered = sorted(
        found.items(),
        # The household's reference person (whose pseudonym is the household's) first,
        # then the oldest: the letter is addressed to them.
        key=lambda item: (
            pseudonyms.pseudonym(secret, item[1].cpr) != candidate.household,
            cpr.parse(item[1].cpr).birth_date,
        ),
    )
    kind = PlanKind.HOUSEHOLD if len(ordered) > 1 else PlanKind.CITIZEN
    invitation = Invitation.objects.create(
        municipality_id=screening_round.municipality_id,
        source=InvitationSource.SCREENING,
        kind=kind,
        round=screening_round,
        created_by=user,
    )
    today = timezone.localdate()
    for order, (_value, person) in enumerate(ordered):
        parsed = cpr.parse(person.cpr)
        if kind == PlanKind.CITIZEN:
            role = MemberRole.CITIZEN
        elif cpr.age_on(parsed.birth_date, today) < 18:
            role = MemberRole.CHILD
        else:
            role = MemberRole.PARENT if order == 0 else MemberRole.PARTNER
        invited = InvitedPerson.objects.create(
            municipality_id=screening_round.municipality_id,
            invitation=invitation,
            cpr=parsed.formatted,
            first_name=person.first_name.strip(),
            last_name=person.last_name.strip(),
            role=role,
            order=order,
        )
        audit.record(user=user, action=AuditAction.REIDENTIFY, obj=invited, path=path)
    candidate.invitation = invitation
    candidate.reidentified_at = timezone.now()
    candidate.save(update_fields=["invitation", "reidentified_at"])
    _notify_handlers(
        municipality_id=screening_round.municipality_id,
        key=f"invitation-new:{invitation.pk}",
        text=_("A citizen found by screening is ready to be invited."),
        url=reverse("targeting:invitation", args=[invitation.pk]),
    )
    return invitation


def live_counts(screening_round: ScreeningRound) -> dict:
    """The counts per step: those fixed at scoring, and the decisions since."""
    counts = dict(screening_round.counts)
    if screening_round.status == RoundStatus.DELETED:
        return counts
    if screening_round.status == RoundStatus.OPEN:
        extracts = Extract.objects.filter(round=screening_round).values_list("rows", flat=True)
        counts["uploaded_extracts"] = len(extracts)
        counts["uploaded_rows"] = sum(extracts)
    decisions = dict(
        Candidate.objects.filter(round=screening_round)
        .values_list("decision")
        .annotate(n=Count("pk"))
    )
    counts["accepted_households"] = decisions.get(CandidateDecision.ACCEPTED, 0)
    counts["rejected_households"] = decisions.get(CandidateDecision.REJECTED, 0)
    invited = InvitedPerson.objects.filter(invitation__round=screening_round)
    counts["reidentified_persons"] = invited.count()
    counts["consented_persons"] = invited.filter(
        invitation__status=InvitationStatus.ACCEPTED
    ).count()
    return counts


@transaction.atomic
def round_close(*, user: User, screening_round: ScreeningRound, path: str = "") -> ScreeningRound:
    """Close the round. Its extracts and scores are deleted after the round's number of
    days, by a background task (and by `targeting_delete` as a safety net)."""
    core_access.require(access.can_manage_screening_round(user, screening_round))
    screening_round = _locked_round(screening_round)
    if not screening_round.is_open:
        raise ValidationError(_("The round is already closed."))
    screening_round.counts = live_counts(screening_round)
    screening_round.status = RoundStatus.CLOSED
    screening_round.closed_at = timezone.now()
    screening_round.save(update_fields=["status", "closed_at", "counts"])
    audit.record(
        user=user,
        action=AuditAction.CHANGE,
        obj=screening_round,
        path=path,
        changed_fields=["status", "closed_at"],
    )
    from enplan.targeting.tasks import delete_round_data

    due = screening_round.closed_at + timedelta(days=screening_round.delete_after_days)
    transaction.on_commit(
        lambda: delete_round_data.using(run_after=due).enqueue(screening_round.pk)
    )
    return screening_round


def deletion_due(screening_round: ScreeningRound, now=None) -> bool:
    now = now or timezone.now()
    return (
        screening_round.status == RoundStatus.CLOSED
        and screening_round.closed_at is not None
        and screening_round.closed_at + timedelta(days=screening_round.delete_after_days) <= now
    )


@transaction.atomic
def round_delete_data(*, screening_round: ScreeningRound, now=None) -> bool:
    """Delete a closed round's extracts and scores once its days have passed; keep the
    counts. Returns whether anything was deleted. Safe to run twice."""
    screening_round = _locked_round(screening_round)
    if not deletion_due(screening_round, now):
        return False
    screening_round.counts = live_counts(screening_round)
    Extract.objects.filter(round=screening_round).delete()
    Candidate.objects.filter(round=screening_round).delete()
    screening_round.status = RoundStatus.DELETED
    screening_round.deleted_at = timezone.now()
    screening_round.save(update_fields=["status", "deleted_at", "counts"])
    return True


def rounds_due_for_deletion(now=None):
    now = now or timezone.now()
    return [
        r
        for r in ScreeningRound.objects.filter(status=RoundStatus.CLOSED, closed_at__isnull=False)
        if deletion_due(r, now)
    ]
