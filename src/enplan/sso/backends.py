"""The session of someone who logged in through single sign-on.

The login itself happens in the views (the SAML response or the OpenID Connect answer is
checked there); this backend only brings the user back on each request, and never lets
in a deactivated one: when the identity provider takes the rights away, the user is made
inactive at their next login attempt and their open sessions end."""

from django.contrib.auth.backends import ModelBackend

from enplan.core.models import Role


class SSOBackend(ModelBackend):
    def authenticate(self, request, **kwargs):
        return None

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.role != Role.SYSTEM else None
