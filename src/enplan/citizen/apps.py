from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizenConfig(AppConfig):
    name = "enplan.citizen"
    verbose_name = _("The citizen's side")

    def load_demo(self, demo):
        from enplan.citizen.demo import load

        load(demo)

    def meeting_sections(self, *, user, meeting, page):
        """What the citizens want to talk about, on the meeting's agenda (`core.sections`)."""
        from enplan.citizen.selectors import topics_for_meeting
        from enplan.core.sections import Section

        return [
            Section(
                key="citizen-topics",
                title=_("The citizen wants to talk about"),
                template="citizen/_meeting_topics.html",
                order=10,
                load=lambda: {
                    "topics": topics_for_meeting(user, meeting, member_ids=page.member_ids)
                },
            )
        ]
