from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "enplan.network"
    verbose_name = _("Network")

    def load_demo(self, demo):
        from enplan.network.demo import load

        load(demo)

    def plan_sections(self, *, user, plan, page):
        from enplan.core.sections import Section
        from enplan.network.selectors import organisation_summary

        summary = organisation_summary(user, plan, member_ids=page.visible_member_ids)
        return [
            Section(
                key="organisation",
                title=_("The citizen's organisation"),
                template="network/_plan_section.html",
                order=60,
                context={"organisation": summary},
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
