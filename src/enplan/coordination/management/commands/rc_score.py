from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from enplan.coordination import access, answer_files, exports, scoring, selectors
from enplan.core.models import Municipality


class Command(BaseCommand):
    help = (
        "Score a file of answers in the import format without storing anything, and print "
        "the results as CSV: the same engine and rules as the pages and exports."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=["csv", "text"], default="csv")
        parser.add_argument(
            "--municipality",
            help="Use this municipality's levels (its three-digit code) instead of the defaults.",
        )

    def handle(self, *args, **options):
        path = options["file"]
        thresholds = scoring.Thresholds()
        if options["municipality"]:
            municipality = Municipality.objects.filter(code=options["municipality"]).first()
            if municipality is None:
                raise CommandError(
                    _("There is no municipality with the code %(code)s.")
                    % {"code": options["municipality"]}
                )
            thresholds = selectors.thresholds_for(municipality.pk)
        try:
            data = answer_files.read_bytes(path)
            parsed = answer_files.parse(answer_files.read_table(path.name, data))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        results = scoring.score(
            parsed.rows,
            thresholds=thresholds,
            min_respondents=access.coordination_min_respondents(),
        )
        if options["format"] == "csv":
            # The very text of the round's CSV download, a would-be formula kept as text
            # included, so the two can be compared byte for byte.
            self.stdout.write(exports.csv_text(results), ending="")
            return
        rows = scoring.csv_rows(results)
        widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            self.stdout.write("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)))
