from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "enplan.core"
    verbose_name = _("Municipality, users and audit")

    def ready(self):
        from django.conf import settings

        from enplan.core.observability import init_sentry

        init_sentry(settings.SENTRY_DSN, environment=settings.SENTRY_ENVIRONMENT)
