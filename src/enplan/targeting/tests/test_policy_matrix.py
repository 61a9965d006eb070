"""Who may do what in finding the citizens, as a matrix of roles and abilities.

A reviewer cannot re-identify; a leader sees no pseudonyms; only the key holder
re-identifies; nobody reaches another municipality's round."""

import pytest

from enplan.targeting import access
from enplan.targeting.models import CandidateDecision

pytestmark = pytest.mark.django_db

ROLES = ["reviewer", "outsider", "handler", "key_holder", "leader", "admin", "stranger"]

ABILITIES = {
    # ability: the roles that have it
    "sees_round": {"reviewer", "key_holder", "leader", "admin"},
    "sees_pseudonyms": {"reviewer", "key_holder"},
    "uploads": {"reviewer"},
    "reviews": {"reviewer"},
    "reidentifies": {"key_holder"},
    "manages_round": {"admin"},
    "handles_nominations": {"handler"},
    "nominates": {"reviewer", "outsider", "handler", "stranger"},
    "sees_figures": {"leader", "admin"},
    "downloads_dpia": {"reviewer", "leader", "admin"},
}


def user_of(screening, role):
    person = getattr(screening, role)
    return getattr(person, "user", person) if role != "stranger" else person.user


def has(screening, role, ability) -> bool:
    user = user_of(screening, role)
    r = screening.round
    return {
        "sees_round": lambda: access.rounds_visible_to(user).filter(pk=r.pk).exists(),
        "sees_pseudonyms": lambda: access.can_see_pseudonyms(user, r),
        "uploads": lambda: access.can_upload_extract(user, r),
        "reviews": lambda: access.can_review(user, r),
        "reidentifies": lambda: access.can_reidentify(user, r),
        "manages_round": lambda: access.can_manage_screening_round(user, r),
        "handles_nominations": lambda: access.handles_nominations(user),
        "nominates": lambda: access.can_nominate(user),
        "sees_figures": lambda: access.sees_targeting_figures(user),
        "downloads_dpia": lambda: access.can_download_dpia(user, r),
    }[ability]()


@pytest.mark.parametrize("ability", ABILITIES)
@pytest.mark.parametrize("role", ROLES)
def test_the_matrix(screening, role, ability):
    assert has(screening, role, ability) is (role in ABILITIES[ability])


def test_a_reviewer_cannot_re_identify_even_when_also_on_the_round_twice(screening):
    assert not access.can_reidentify(screening.reviewer.user, screening.round)


def test_the_key_holder_sees_only_accepted_candidates(scored):
    candidates = scored.round.candidates.all()
    assert candidates.count() == 1
    key_holder = scored.key_holder
    assert not access.candidates_visible_to(key_holder, scored.round).exists()
    candidates.update(decision=CandidateDecision.ACCEPTED)
    assert access.candidates_visible_to(key_holder, scored.round).count() == 1


@pytest.mark.parametrize("role", ["leader", "admin", "outsider", "handler"])
def test_no_one_else_sees_a_single_candidate(scored, role):
    scored.round.candidates.update(decision=CandidateDecision.ACCEPTED)
    user = user_of(scored, role)
    assert not access.candidates_visible_to(user, scored.round).exists()


def test_a_key_holder_of_another_municipality_cannot_re_identify(screening):
    from enplan.targeting.tests.factories import key_holder

    other = key_holder(screening.stranger.municipality)
    assert not access.can_reidentify(other, screening.round)
    assert not access.rounds_visible_to(other).filter(pk=screening.round.pk).exists()


def test_a_deactivated_key_holder_has_no_key_holder_rights(screening):
    screening.key_holder.is_active = False
    screening.key_holder.save()
    assert not access.can_reidentify(screening.key_holder, screening.round)


def test_a_nominator_sees_only_their_own_nominations_and_a_handler_all(screening, world):
    from enplan.targeting.tests.factories import NominationFactory

    own = NominationFactory(department=world.department, nominated_by=world.actor.user)
    other = NominationFactory(department=world.department)
    assert list(access.nominations_visible_to(world.actor.user)) == [own]
    assert set(access.nominations_visible_to(screening.handler.user)) == {own, other}
    assert not access.nominations_visible_to(screening.leader).exists()


def test_my_nominations_follow_the_access_rule(screening, world):
    """A professional whose record is no longer active may not nominate, and no longer
    sees the nominations they once made."""
    from enplan.targeting import selectors
    from enplan.targeting.tests.factories import NominationFactory

    own = NominationFactory(department=world.department, nominated_by=world.actor.user)
    assert list(selectors.my_nominations(world.actor.user)) == [own]
    world.actor.is_active = False
    world.actor.save()
    user = type(world.actor.user).objects.get(pk=world.actor.user.pk)
    assert not selectors.my_nominations(user).exists()
