from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MfaConfig(AppConfig):
    name = "enplan.mfa"
    verbose_name = _("Two-step verification")

    def load_demo(self, demo):
        from enplan.mfa.demo import load

        load(demo)
