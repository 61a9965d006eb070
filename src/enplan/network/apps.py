from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "enplan.network"
    verbose_name = _("Network")

    def load_demo(self, demo):
        from enplan.network.demo import load

        load(demo)

    def plan_sections(self, *, user, plan, page):
        from django.urls import reverse

        from enplan.core.sections import Section

        # The map page is the section's page: it shows the burden panel and the map.
        return [
            Section(
                key="organisation",
                title=_("The citizen's organisation"),
                template="",
                order=60,
                url=reverse("network:map", args=[plan.pk]),
            )
        ]

    def plan_print_sections(self, *, user, plan, page):
        from enplan.core.sections import Section
        from enplan.network.selectors import organisation_page

        organisation = organisation_page(user, plan, member_ids=page.visible_member_ids)
        return [
            Section(
                key="organisation",
                title=_("The citizen's organisation"),
                template="network/_print_section.html",
                order=60,
                context={"page": organisation},
            )
        ]
