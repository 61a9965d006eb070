import os

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from enplan.core.demo import DEMO_MUNICIPALITY_CODE, Demo
from enplan.core.models import Municipality


class Command(BaseCommand):
    help = "Load the fictional demo municipality with its people and plans (once)."

    def handle(self, *args, **options):
        if Municipality.objects.filter(code=DEMO_MUNICIPALITY_CODE).exists():
            self.stdout.write("The demo municipality is already loaded; nothing to do.")
            return
        demo = Demo()
        # The demo's own log entries are written in the product's language, as a
        # caseworker's would be.
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            # Each app adds its part in INSTALLED_APPS order, building on the ones before.
            for app_config in apps.get_app_configs():
                load = getattr(app_config, "load_demo", None)
                if load is not None:
                    load(demo)
        self.stdout.write(self.style.SUCCESS(summary(demo.municipality)))


def summary(municipality: Municipality) -> str:
    """What was loaded, counted in the database (every app adds its own plans), and where
    to open it: the port `make run` serves on (PORT), not a fixed one."""
    # Counted through the app registry: core stands below the apps that own these models.
    counts = {
        label: apps.get_model(label).objects.filter(municipality=municipality).count()
        for label in ("plans.Plan", "organisation.Professional", "meetings.Meeting")
    }
    port = os.environ.get("PORT", "8000")
    mail = (
        settings.EMAIL_FILE_PATH
        if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend")
        else ""
    )
    lines = [
        f"Demo loaded: {municipality.name}",
        f"  {counts['plans.Plan']} plans, {counts['organisation.Professional']} professionals, "
        f"{counts['meetings.Meeting']} meetings",
        f"  Open http://127.0.0.1:{port}/ and log in as koordinator (password enplan-demo).",
    ]
    if mail:
        lines.append(f"  The demo's e-mails are in {mail}/")
    return "\n".join(lines)
