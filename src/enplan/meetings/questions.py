"""Our own plain questions for the citizen's evaluation of a meeting (0–10).

Published session-rating instruments are licensed by their authors and are not shipped.
These questions are written for Én plan; a municipality can replace them with its own
(or licensed) wording in the administration (`EvaluationQuestionText`). The answers are
stored under the fixed keys whatever the wording, so figures stay comparable.
"""

from django.utils.translation import gettext_lazy as _

from enplan.core.wording import Question, worded_questions
from enplan.meetings.models import EvaluationQuestion, EvaluationQuestionText

DEFAULT_QUESTIONS = {
    EvaluationQuestion.FELT_HEARD: _("Did the others listen to what you said?"),
    EvaluationQuestion.TALKED_ABOUT_WHAT_MATTERS: _(
        "Did the meeting deal with the things you care about?"
    ),
    EvaluationQuestion.WAY_OF_WORKING_SUITED_ME: _("Did the way the meeting was run suit you?"),
    EvaluationQuestion.OVERALL: _("Did you get something good out of the meeting?"),
}


def questions_for(municipality_id) -> list[Question]:
    """(key, label, question) for each of the four questions, with the municipality's own
    wording where it has entered one."""
    return worded_questions(
        EvaluationQuestionText,
        municipality_id=municipality_id,
        key_field="question",
        choices=EvaluationQuestion.choices,
        defaults=DEFAULT_QUESTIONS,
    )
