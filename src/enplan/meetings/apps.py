from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def _new_municipality_gets_defaults(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from enplan.meetings.services import defaults_load

        defaults_load(municipality=instance)


class MeetingsConfig(AppConfig):
    name = "enplan.meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from enplan.core.models import Municipality

        # A new municipality starts with the default conversation types and learning
        # themes, which its administrator then adapts (as with the legislation catalogue).
        post_save.connect(
            _new_municipality_gets_defaults,
            sender=Municipality,
            dispatch_uid="meetings-defaults-for-new-municipality",
        )

    def load_demo(self, demo):
        from enplan.meetings.demo import load

        load(demo)

    def plan_sections(self, *, user, plan, page):
        from enplan.core.sections import Section
        from enplan.meetings.selectors import plan_section

        return [
            Section(
                key="meetings",
                title=_("Meetings"),
                template="meetings/_plan_section.html",
                order=70,
                load=lambda: {
                    "meetings": plan_section(user, plan, member_ids=page.visible_member_ids)
                },
            )
        ]

    def plan_overview_sections(self, *, user, plan, page):
        """The next meeting, and a warning after a low evaluation, on the plan's first page."""
        from enplan.core.sections import Section
        from enplan.meetings.selectors import next_meeting

        return [
            Section(
                key="next-meeting",
                title=_("Next meeting"),
                template="meetings/_plan_overview.html",
                order=50,
                load=lambda: {"next": next_meeting(user, plan, member_ids=page.visible_member_ids)},
            )
        ]
