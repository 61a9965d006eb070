from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "enplan.plans"
    verbose_name = _("Plans")

    def load_demo(self, demo):
        from enplan.plans.demo import load

        load(demo)

    def plan_sections(self, *, user, plan, page):
        """The plan page's own sections; other apps add theirs (`core.sections`)."""
        from enplan.core.sections import Section

        own = [
            ("wishes", _("The most important thing for me"), 10),
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
