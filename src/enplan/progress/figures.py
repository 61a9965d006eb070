"""A figure on the steering dashboard, and the small-group rule every figure obeys.

A figure knows how many citizens, and how many plans, it was computed from. When either is
below the limit (five), the figure is shown as "<5" on the page and in every export. A
household plan counts once among the plans: its members' figures describe one family, so
five members of one household are still one case, and are suppressed.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

COUNT = "count"
SHARE = "share"  # 0..1, shown as a percentage
DAYS = "days"
SCORE = "score"  # an average on the 0–10 scale
AVERAGE = "average"
DKK = "dkk"

DECIMALS = {COUNT: 0, SHARE: 0, DAYS: 0, SCORE: 1, AVERAGE: 1, DKK: 0}


def small_group_limit() -> int:
    return settings.ENPLAN_SMALL_GROUP_LIMIT


def suppressed_text() -> str:
    return f"<{small_group_limit()}"


def withheld_text() -> str:
    """The mark of a figure hidden so that a "<5" cannot be worked out from a total."""
    return str(_("hidden"))


@dataclass(frozen=True)
class Figure:
    value: object  # int, float or Decimal; None when there is nothing to compute
    citizens: int
    plans: int
    kind: str = COUNT
    # Hidden although large enough, because a total would otherwise give a small hidden
    # figure away (complementary suppression, see `steering.protect`).
    withheld: bool = False

    @property
    def is_small(self) -> bool:
        limit = small_group_limit()
        return self.citizens < limit or self.plans < limit

    @property
    def is_suppressed(self) -> bool:
        return self.is_small or self.withheld

    @property
    def mark(self) -> str:
        return suppressed_text() if self.is_small else withheld_text()

    @property
    def rounded(self):
        """The value as shown (a share in per cent), or None when suppressed or missing."""
        if self.is_suppressed or self.value is None:
            return None
        value = Decimal(str(self.value))
        if self.kind == SHARE:
            value *= 100
        places = Decimal(1).scaleb(-DECIMALS[self.kind])
        value = value.quantize(places, rounding=ROUND_HALF_UP)
        return int(value) if DECIMALS[self.kind] == 0 else float(value)

    @property
    def text(self) -> str:
        """The figure as a person reads it, in the active language's number format."""
        if self.is_suppressed:
            return self.mark
        if self.rounded is None:
            return "–"
        number = formats.number_format(
            self.rounded, decimal_pos=DECIMALS[self.kind], use_l10n=True, force_grouping=True
        )
        if self.kind == SHARE:
            return f"{number} %"
        if self.kind == DKK:
            return f"{number} kr."
        return number

    @property
    def export_value(self):
        """What an export cell holds: the number, or the same "<5" the page shows."""
        if self.is_suppressed:
            return self.mark
        return self.rounded

    def __str__(self):
        return self.text


def share(part: int, whole: int, *, citizens: int, plans: int) -> Figure:
    return Figure(part / whole if whole else None, citizens, plans, SHARE)
