from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "enplan.progress"
    verbose_name = _("Progression")

    def load_demo(self, demo):
        from enplan.progress.demo import load

        load(demo)
