"""The test client's `force_login` skips the whole login: the password and the second
factor alike. Its sessions are marked with this backend, which the second factor treats
as an identity provider that has checked both (as it does MitID); the tests of the login
itself log in through the real form, with the password's backend."""

from django.contrib.auth.backends import ModelBackend

FORCED_LOGIN_BACKEND = "enplan.mfa.tests.forced_login.ForcedLoginBackend"


class ForcedLoginBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        return None
