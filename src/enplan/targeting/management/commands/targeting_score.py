"""Score extracts with a rules file, without storing anything."""

import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from enplan.targeting import engine, rules


class Command(BaseCommand):
    help = (
        "Score pseudonymised extracts (CSV or Parquet: person,household,indicator,value) with "
        "the rules in a TOML file and write person,household,person_points,household_points,"
        "rules, one row per person, highest household first. Stores nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("extracts", nargs="+", type=Path)
        parser.add_argument("--rules", required=True, type=Path)
        parser.add_argument("--out", required=True, type=Path)

    def handle(self, *args, extracts, rules: Path, out: Path, **options):
        try:
            ruleset = _parse_rules(rules)
            with tempfile.TemporaryDirectory(prefix="enplan-score-") as directory:
                sources: list[engine.Source] = []
                for number, path in enumerate(extracts):
                    if not path.is_file():
                        raise CommandError(_("%(path)s does not exist.") % {"path": path})
                    checked = _check(path)
                    checked_path = path.resolve()
                    if checked.parquet:  # converted (CSV); Parquet is scored where it lies
                        checked_path = Path(directory) / f"{number}.parquet"
                        checked_path.write_bytes(checked.parquet)
                    _check_against(path, checked_path, sources, checked.row_of)
                    sources.append(engine.Source(checked_path, label=str(path)))
                persons = engine.score_to_csv(sources, ruleset, out)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            ngettext(
                "%(persons)d person scored to %(out)s.",
                "%(persons)d persons scored to %(out)s.",
                persons,
            )
            % {"persons": persons, "out": out}
        )


def _parse_rules(path: Path):
    if not path.is_file():
        raise CommandError(_("%(path)s does not exist.") % {"path": path})
    try:
        return rules.parse(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise CommandError(_("%(path)s is not in UTF-8.") % {"path": path}) from None


def _check(path: Path):
    try:
        return engine.check_extract(path, None, copy=False)
    except ValidationError as error:
        raise ValidationError(f"{path}: {' '.join(error.messages)}") from None


def _check_against(path: Path, checked_path: Path, sources, row_of):
    try:
        engine.check_against(checked_path, sources, row_of=row_of)
    except ValidationError as error:
        raise ValidationError(f"{path}: {' '.join(error.messages)}") from None
