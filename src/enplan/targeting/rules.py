"""The point system's rules: a TOML text, parsed and checked into plain data.

    [[rule]]
    name = "Mere end 3 år på offentlig forsørgelse"
    indicator = "years_on_benefits"
    min = 3          # inclusive; min or max may be left out
    points = 500
    [selection]
    min_points = 1500

A rule fires for a person when min <= value <= max. Rules are data so that they can be
versioned and published: a citizen can read exactly which rules proposed them.
"""

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

RULE_KEYS = {"name", "indicator", "min", "max", "points"}
# The engine keeps the rules that fired for a person as bits of one 64-bit number. A point
# system with more rules than this could hardly be explained to a citizen anyway.
MAX_RULES = 62
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True)
class Rule:
    name: str
    indicator: str
    points: int
    min: float | None = None
    max: float | None = None

    def fires(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    min_points: int

    @property
    def indicators(self) -> set[str]:
        return {rule.indicator for rule in self.rules}

    def points_of(self, name: str) -> int:
        return next(rule.points for rule in self.rules if rule.name == name)


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def parse(text: str, *, indicators: Iterable[str] | None = None) -> RuleSet:
    """Parse and check the rules; raise ValidationError listing every problem in Danish.

    `indicators`, when given, is the catalogue the rules may use.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        position = _TOML_POSITION.search(str(error))
        if position:
            raise ValidationError(
                _("The rules cannot be read: a syntax error in line %(line)s, column %(column)s.")
                % {"line": position.group(1), "column": position.group(2)},
                code="toml",
            ) from None
        raise ValidationError(_("The rules cannot be read: a syntax error."), code="toml") from None
    known = set(indicators) if indicators is not None else None
    errors = []
    unknown_tables = sorted(set(data) - {"rule", "selection"})
    if unknown_tables:
        errors.append(
            _("Unknown section: %(names)s. Use [[rule]] and [selection].")
            % {"names": ", ".join(unknown_tables)}
        )
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list) or not raw_rules:
        errors.append(_("There are no rules. Write each rule under [[rule]]."))
        raw_rules = []
    if len(raw_rules) > MAX_RULES:
        errors.append(_("At most %(n)d rules are allowed.") % {"n": MAX_RULES})
    rules = []
    names = set()
    for number, raw in enumerate(raw_rules, start=1):
        label = _("Rule %(n)d") % {"n": number}
        if not isinstance(raw, dict):
            errors.append(_("%(rule)s is not a table.") % {"rule": label})
            continue
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            errors.append(_("%(rule)s has no name.") % {"rule": label})
            name = ""
        else:
            name = name.strip()
            label = f"{label} ({name})"
            if ";" in name:
                errors.append(_("%(rule)s: a name cannot contain “;”.") % {"rule": label})
            if name in names:
                errors.append(_("%(rule)s: two rules have the same name.") % {"rule": label})
            names.add(name)
        unknown = sorted(set(raw) - RULE_KEYS)
        if unknown:
            errors.append(
                _("%(rule)s has an unknown key: %(keys)s.")
                % {"rule": label, "keys": ", ".join(unknown)}
            )
        indicator = raw.get("indicator")
        if not isinstance(indicator, str) or not indicator.strip():
            errors.append(_("%(rule)s has no indicator.") % {"rule": label})
            indicator = ""
        elif known is not None and indicator not in known:
            errors.append(
                _("%(rule)s uses the indicator “%(indicator)s”, which is not in the catalogue.")
                % {"rule": label, "indicator": indicator}
            )
        points = raw.get("points")
        if not isinstance(points, int) or isinstance(points, bool):
            errors.append(_("%(rule)s: points must be a whole number.") % {"rule": label})
            points = 0
        bounds: dict[str, float | None] = {}
        for key in ("min", "max"):
            if key in raw and not _number(raw[key]):
                errors.append(
                    _("%(rule)s: %(key)s must be a number.") % {"rule": label, "key": key}
                )
            else:
                bounds[key] = float(raw[key]) if key in raw else None
        low, high = bounds.get("min"), bounds.get("max")
        if low is not None and high is not None and low > high:
            errors.append(_("%(rule)s: min is larger than max.") % {"rule": label})
        rules.append(
            Rule(
                name=name,
                indicator=indicator.strip() if indicator else "",
                points=points,
                min=low,
                max=high,
            )
        )
    selection = data.get("selection")
    min_points = 0
    if not isinstance(selection, dict) or "min_points" not in selection:
        errors.append(_("[selection] with min_points is missing."))
    else:
        unknown = sorted(set(selection) - {"min_points"})
        if unknown:
            errors.append(
                _("[selection] has an unknown key: %(keys)s.") % {"keys": ", ".join(unknown)}
            )
        min_points = selection["min_points"]
        if not isinstance(min_points, int) or isinstance(min_points, bool):
            errors.append(_("min_points must be a whole number."))
    if errors:
        raise ValidationError(errors, code="rules")
    return RuleSet(rules=tuple(rules), min_points=min_points)
