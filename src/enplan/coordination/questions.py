"""Our own plain questions for the seven dimensions, and the labels of the 1–5 scale.

The published relational-coordination survey's item wording is licensed by its owners and
is not shipped. These questions are written for Én plan; a municipality can replace them
with its own (or licensed) wording in the administration (`DimensionQuestion`).
Every question is asked about one workgroup at a time and answered on one how-often scale.
"""

from django.utils.translation import gettext_lazy as _

from enplan.coordination.models import Dimension, DimensionQuestion
from enplan.core.wording import Question, worded_questions

DEFAULT_QUESTIONS = {
    Dimension.FREQUENT: _("Do you talk with them as often as your shared citizens need?"),
    Dimension.TIMELY: _("Do they tell you in time when something important happens?"),
    Dimension.ACCURATE: _("Is what they tell you correct and something you can rely on?"),
    Dimension.PROBLEM_SOLVING: _(
        "When a problem comes up, do you look for a solution together rather than for "
        "someone to blame?"
    ),
    Dimension.SHARED_GOALS: _("Do you work towards the same goals for the citizen?"),
    Dimension.SHARED_KNOWLEDGE: _(
        "Do they know what you do, and how your work fits together with theirs?"
    ),
    Dimension.RESPECT: _("Do they meet you and your work with respect?"),
}

SCALE = [
    (1, _("Never")),
    (2, _("Rarely")),
    (3, _("Sometimes")),
    (4, _("Often")),
    (5, _("Always")),
]
DONT_KNOW = "dk"
DONT_KNOW_LABEL = _("Don't know")


def questions_for(municipality_id) -> list[Question]:
    """(key, label, question) for each dimension, with the municipality's own wording
    where it has entered one."""
    return worded_questions(
        DimensionQuestion,
        municipality_id=municipality_id,
        key_field="dimension",
        choices=Dimension.choices,
        defaults=DEFAULT_QUESTIONS,
    )
