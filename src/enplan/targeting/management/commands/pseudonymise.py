"""Pseudonymise a department's extract on the department's own machine, before upload."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from enplan.targeting import engine, pseudonyms


class Command(BaseCommand):
    help = (
        "Replace CPR numbers by keyed pseudonyms (HMAC-SHA256) with the key in the "
        f"environment variable {pseudonyms.KEY_ENVIRONMENT_VARIABLE}. The CPR column becomes "
        "`person`, the household column (the household's reference person's CPR) becomes "
        "`household`; other columns are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("input", type=Path, help="CSV (UTF-8, with a header) or Parquet")
        parser.add_argument("output", type=Path, help="CSV, or Parquet if it ends in .parquet")
        parser.add_argument("--cpr-column", required=True)
        parser.add_argument(
            "--household-column",
            help="the CPR of the household's reference person; without it, each person is "
            "a household of one",
        )

    def handle(self, *args, input, output, cpr_column, household_column, **options):
        try:
            key = pseudonyms.key_from_environment()
        except ValidationError as error:
            raise CommandError(
                error.messages[0]
                + " "
                + _(
                    "Put the key in the environment variable %(variable)s; the key holder has "
                    "it. Nothing was written."
                )
                % {"variable": pseudonyms.KEY_ENVIRONMENT_VARIABLE}
            ) from None
        if not input.is_file():
            raise CommandError(_("%(path)s does not exist.") % {"path": input})
        if output.resolve() == input.resolve():
            raise CommandError(_("Write to another file than the input."))
        try:
            rows = engine.pseudonymise_file(
                input,
                output,
                key=key,
                cpr_column=cpr_column,
                household_column=household_column,
            )
        except ValidationError as error:
            output.unlink(missing_ok=True)
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            ngettext(
                "%(rows)d row pseudonymised to %(out)s.",
                "%(rows)d rows pseudonymised to %(out)s.",
                rows,
            )
            % {"rows": rows, "out": output}
        )
