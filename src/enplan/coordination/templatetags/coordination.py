from django import template
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from enplan.coordination.scoring import HIGH, LOW, MEDIUM, round_half_up

register = template.Library()

LEVELS = {HIGH: _("high"), MEDIUM: _("medium"), LOW: _("low")}
# A mark beside the colour, so a level never depends on colour alone.
MARKS = {HIGH: "▲", MEDIUM: "■", LOW: "▼"}


@register.filter
def rc_score(value):
    """A score as people read it: two decimals, Danish separators; a dash when hidden."""
    rounded = round_half_up(value)
    return "–" if rounded is None else formats.number_format(rounded, 2, use_l10n=True)


@register.filter
def rc_delta(value):
    rounded = round_half_up(value)
    if rounded is None:
        return "–"
    text = formats.number_format(abs(rounded), 2, use_l10n=True)
    return f"+{text}" if rounded > 0 else f"−{text}" if rounded < 0 else f"±{text}"


@register.filter
def rc_level(value):
    return LEVELS.get(value, "")


@register.filter
def rc_mark(value):
    return MARKS.get(value, "")


@register.filter
def rc_dimension(tie, key):
    return tie.dimensions.get(key)


@register.filter
def rc_dimension_level(tie, key):
    return tie.dimension_levels.get(key)


@register.filter
def rc_lowest_dimensions(tie, count=2):
    """The tie's lowest shown dimensions, as (label, score), for what to talk about first."""
    from enplan.coordination.models import Dimension

    labels = dict(Dimension.choices)
    shown = [(v, k) for k, v in tie.dimensions.items() if v is not None]
    shown.sort(key=lambda pair: (pair[0], pair[1]))
    return [(labels[k], v) for v, k in shown[: int(count)]]
