from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "enplan.coordination"
    verbose_name = _("Relational coordination")

    def load_demo(self, demo):
        from enplan.coordination.demo import load

        load(demo)

    def plan_sections(self, *, user, plan, page):
        from enplan.coordination.selectors import plan_section
        from enplan.core.sections import Section

        return [
            Section(
                key="coordination",
                title=_("Relational coordination"),
                template="coordination/_plan_section.html",
                order=100,
                load=lambda: {"coordination": plan_section(user, plan)},
            )
        ]
