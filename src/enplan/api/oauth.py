"""django-oauth-toolkit, told about the integrated systems: a deactivated system's client
gets no token (its existing tokens are revoked when it is deactivated)."""

from oauth2_provider.oauth2_validators import OAuth2Validator


class SystemValidator(OAuth2Validator):
    def _load_application(self, client_id, request):
        application = super()._load_application(client_id, request)
        if application is None:
            return None
        system = getattr(application, "integration_system", None)
        if system is None or not system.is_active:
            request.client = None
            return None
        return application
