from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizenConfig(AppConfig):
    name = "enplan.citizen"
    verbose_name = _("The citizen's side")

    def load_demo(self, demo):
        from enplan.citizen.demo import load

        load(demo)
