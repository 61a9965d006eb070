"""No padding: the person running a round cannot reach the three-respondent minimum with
answers they typed in themselves, and then work out a colleague's answers from the mean.
Answers imported from paper count apart from the answers given online."""

from fractions import Fraction

import pytest

from enplan.coordination import scoring, selectors, services
from enplan.coordination.tests.conftest import answer_as

pytestmark = pytest.mark.django_db


def _rows(respondent, score, group="A"):
    return [(respondent, group, group, d, score) for d in scoring.DIMENSIONS]


@pytest.mark.parametrize(
    ("online", "paper", "shown"),
    [(3, 0, True), (0, 3, True), (3, 2, True), (2, 1, False), (2, 5, False), (1, 9, False)],
)
def test_online_answers_must_reach_the_minimum_on_their_own(online, paper, shown):
    rows = [r for n in range(online) for r in _rows(f"o{n}", 4)]
    rows += [r for n in range(paper) for r in _rows(f"p{n}", 1)]
    imported = {f"p{n}" for n in range(paper)}
    results = scoring.score(rows, imported=imported)
    tie = results.tie("A", "A")
    assert tie.shown is shown
    assert all((v is not None) is shown for v in tie.dimensions.values())


def _import(world, plan_round, labels, score=5):
    group = plan_round.round.groups.get().name
    lines = ["respondent,respondent_group,about_group,dimension,score"]
    lines += [
        f"{label},{group},{group},{d},{score}" for label in labels for d in scoring.DIMENSIONS
    ]
    return services.answers_import(
        user=world.coordinator.user,
        round_=plan_round.round,
        file_name="papir.csv",
        data="\n".join(lines).encode(),
    )


def test_the_coordinator_cannot_pad_a_round_to_read_a_colleagues_answers(world, plan_round):
    # The attacker: the coordinator answered online (all 3s), one colleague answered
    # online (all 1s), and the coordinator imports a made-up respondent (all 5s).
    answer_as(world.coordinator, plan_round.round, score=3)
    answer_as(world.actor, plan_round.round, score=1)
    _import(world, plan_round, ["Papir 1"], score=5)
    tie = selectors.compute_results(plan_round.round).ties[0]
    assert tie.respondents == 3
    assert not tie.shown
    assert tie.score is None
    # Had the mean been published, the colleague's answer would follow from it.
    mean = Fraction(3 + 1 + 5, 3)
    assert 3 * mean - 3 - 5 == 1


def test_many_made_up_respondents_do_not_help_either(world, plan_round):
    answer_as(world.coordinator, plan_round.round, score=3)
    answer_as(world.actor, plan_round.round, score=1)
    _import(world, plan_round, [f"Papir {n}" for n in range(1, 6)])
    assert not selectors.compute_results(plan_round.round).ties[0].shown


def test_paper_answers_count_on_top_of_three_online(world, plan_round):
    for professional in plan_round.respondents[:3]:
        answer_as(professional, plan_round.round, score=4)
    _import(world, plan_round, ["Papir 1"], score=2)
    tie = selectors.compute_results(plan_round.round).ties[0]
    assert tie.shown
    assert tie.respondents == 4
    assert tie.score == Fraction(4 * 3 + 2, 4)


def test_a_round_answered_only_on_paper_is_shown(world, plan_round):
    _import(world, plan_round, ["Papir 1", "Papir 2", "Papir 3"], score=4)
    assert selectors.compute_results(plan_round.round).ties[0].shown
