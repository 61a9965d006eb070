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
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: {demo.municipality}, {len(demo.professionals)} professionals, "
                f"{len(demo.plans)} plans."
            )
        )
