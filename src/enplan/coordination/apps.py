from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "enplan.coordination"
    verbose_name = _("Relational coordination")

    def load_demo(self, demo):
        from enplan.coordination.demo import load

        load(demo)
