from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "enplan.network"
    verbose_name = _("Network")

    def load_demo(self, demo):
        from enplan.network.demo import load

        load(demo)
