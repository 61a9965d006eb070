from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "enplan.api"
    label = "api"
    verbose_name = _("Integrations")

    def ready(self):
        # The change events for the systems' webhooks listen to the records' history.
        from enplan.api import events  # noqa: F401
