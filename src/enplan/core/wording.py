"""Fixed questions in the product's own words, which a municipality may reword.

Surveys in Én plan (the RC survey's seven dimensions, the citizen's evaluation of a
meeting) store their answers under fixed keys, so figures stay comparable across rounds,
meetings and municipalities. The wording shown is ours by default: published instruments
are licensed by their authors and never ship. An administrator can enter their
municipality's own (or licensed) text for a key; the key, and so the stored answer, stays
the same.
"""

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from django.db import models


class Question(NamedTuple):
    key: str
    label: str  # the concept's short name, for staff pages and exports
    text: str  # what the person answering reads


def worded_questions(
    model: type[models.Model],
    *,
    municipality_id: int | None,
    key_field: str,
    choices: Iterable[tuple[str, object]],
    defaults: Mapping[Any, object],
) -> list[Question]:
    """One question per fixed key, in the keys' order, with the municipality's own text
    (a row of `model`, keyed by `key_field`, with a `text`) where it has entered one, else
    our default. One query."""
    own = dict(
        model._default_manager.filter(municipality_id=municipality_id).values_list(
            key_field, "text"
        )
    )
    return [
        Question(str(key), str(label), own.get(key) or str(defaults[key])) for key, label in choices
    ]
