from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "enplan.core"
    verbose_name = _("Municipality, users and audit")

    def ready(self):
        from django.conf import settings
        from django.contrib.auth.signals import user_logged_in

        from enplan.core import sessions
        from enplan.core.observability import init_sentry

        user_logged_in.connect(sessions.on_login, dispatch_uid="enplan-idle-session-clock")
        init_sentry(settings.SENTRY_DSN, environment=settings.SENTRY_ENVIRONMENT)
