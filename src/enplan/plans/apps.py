from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "enplan.plans"
    verbose_name = _("Plans")

    def load_demo(self, demo):
        from enplan.plans.demo import load

        load(demo)

    def plan_sections(self, *, user, plan, page):
        """The plan's own section pages; other apps add theirs (`core.sections`). Each is a
        page of its own (`/plans/<pk>/<key>/`) reached from the plan's section menu."""
        from enplan.core.sections import Section

        own = [
            ("goals", _("Goals"), 20),
            ("interventions", _("Interventions"), 40),
            ("network", _("Network"), 50),
            ("consent", _("Consent"), 80),
            ("log", _("Log"), 90),
        ]
        return [
            Section(key=key, title=title, template=f"plans/_plan_sections.html#{key}", order=order)
            for key, title, order in own
        ]

    def plan_overview_sections(self, *, user, plan, page):
        """What the plan's first page shows below the summary and the deviations: what
        matters to the citizen and the latest log entries with a new note at one click."""
        from enplan.core.sections import Section

        return [
            Section(
                key="wishes",
                title=_("The most important thing for me"),
                template="plans/_plan_sections.html#wishes",
                order=10,
            ),
            Section(
                key="log",
                title=_("Latest in the log"),
                template="plans/_plan_sections.html#log",
                order=90,
                context={"overview": True},
            ),
        ]
