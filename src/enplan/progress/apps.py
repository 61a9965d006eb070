from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "enplan.progress"
    verbose_name = _("Progression")

    def load_demo(self, demo):
        from enplan.progress.demo import load

        load(demo)

    def plan_sections(self, *, user, plan, page):
        from enplan.core.sections import Section
        from enplan.progress.selectors import plan_progress

        return [
            Section(
                key="progress",
                title=_("Staircase"),
                template="progress/_plan_section.html",
                order=30,
                load=lambda: {
                    "progress": plan_progress(
                        user, plan, members=page.members, interventions=page.interventions
                    )
                },
            )
        ]
