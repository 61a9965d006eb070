from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "enplan.organisation"
    verbose_name = _("Organisation")

    def load_demo(self, demo):
        from enplan.organisation.demo import load

        load(demo)
