"""Which scopes a system's client may ask for: those its administrator gave it."""

from oauth2_provider.scopes import SettingsScopes


class SystemScopes(SettingsScopes):
    def _of(self, application) -> list[str]:
        system = getattr(application, "integration_system", None) if application else None
        return list(system.scopes) if system is not None and system.is_active else []

    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        return self._of(application)

    def get_default_scopes(self, application=None, request=None, *args, **kwargs):
        return self._of(application)
