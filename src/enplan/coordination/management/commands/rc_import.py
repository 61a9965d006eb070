from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from enplan.coordination import answer_files, services
from enplan.coordination.models import ScopeKind, SurveyRound
from enplan.core.models import User


class Command(BaseCommand):
    help = (
        "Import a CSV or XLSX file of answers (respondent, respondent_group, about_group, "
        "dimension, score) into an open round: every row, or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("round", type=int, help="The round's number (as in its address).")
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user",
            help="Import as this user (default: the person running the round). The audit "
            "trail records the import as theirs, made from this command.",
        )

    def handle(self, *args, **options):
        round_ = (
            SurveyRound.objects.select_related("plan__coordinator__user")
            .filter(pk=options["round"])
            .first()
        )
        if round_ is None:
            raise CommandError(_("There is no round number %(n)s.") % {"n": options["round"]})
        if options["user"]:
            user = User.objects.filter(
                username=options["user"], municipality_id=round_.municipality_id
            ).first()
            if user is None:
                raise CommandError(
                    _("There is no user %(name)s in the round's municipality.")
                    % {"name": options["user"]}
                )
        elif round_.scope == ScopeKind.PLAN:
            user = round_.plan.coordinator.user
        else:
            user = round_.created_by
        path = options["file"]
        try:
            batch = services.answers_import(
                user=user,
                round_=round_,
                file_name=path.name,
                data=answer_files.read_bytes(path),
                path="manage.py rc_import",
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except PermissionDenied as error:
            raise CommandError(
                _("%(user)s does not run the round and cannot import into it.") % {"user": user}
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("%(rows)s answers from %(respondents)s respondents imported into '%(title)s'.")
                % {"rows": batch.rows, "respondents": batch.respondents, "title": round_.title}
            )
        )
