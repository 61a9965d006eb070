from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "enplan.sso"
    label = "sso"
    verbose_name = _("Single sign-on")

    def login_sections(self, *, request):
        """The staff login page offers each municipality's own login (core's login page)."""
        from enplan.sso.selectors import login_sections

        return login_sections(audience="staff")

    def citizen_login_sections(self, *, request):
        """The citizen's login page offers NemLog-in where a municipality has set it up."""
        from enplan.sso.selectors import login_sections

        return login_sections(audience="citizen")
