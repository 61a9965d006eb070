"""The professionals' login: username and password, for the municipality's staff only."""

from django.contrib.auth.backends import ModelBackend

from enplan.core.models import Role


class StaffBackend(ModelBackend):
    """Django's own username-and-password login, never for a citizen: a citizen's identity
    comes from MitID alone (`enplan.citizen.mitid`). Were a password ever set on a
    citizen's account, it would still not open their plan. Nor for a department's system,
    which reaches the plans through the API with its client's token alone."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and user.role in (Role.CITIZEN, Role.SYSTEM):
            return None
        return user
