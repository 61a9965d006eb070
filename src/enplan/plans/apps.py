from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "enplan.plans"
    verbose_name = _("Plans")

    def load_demo(self, demo):
        from enplan.plans.demo import load

        load(demo)
