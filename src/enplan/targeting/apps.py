from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetingConfig(AppConfig):
    name = "enplan.targeting"
    verbose_name = _("Finding the citizens")

    def load_demo(self, demo):
        from enplan.targeting.demo import load

        load(demo)
