"""Background work for survey rounds: invitations and reminders, through the task queue.

Each notice is keyed per user and round (and reminder number), so a task that runs twice
never notifies anyone twice. The e-mail that `notify` sends says only that a notice is
waiting; the round's name can carry a family's name and stays inside Én plan.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

from enplan.coordination.models import Respondent, SurveyRound
from enplan.core.notifications import notify


def _waiting(round_: SurveyRound):
    return (
        Respondent.objects.filter(
            round=round_, submitted_at__isnull=True, professional__user__isnull=False
        )
        .select_related("professional__user")
        .order_by("pk")
    )


@task()
def invite_respondents(round_id: int) -> int:
    round_ = SurveyRound.objects.filter(pk=round_id).first()
    if round_ is None or round_.is_closed:
        return 0
    url = reverse("coordination:answer", args=[round_.pk])
    sent = 0
    with override("da"):
        text = _(
            "You are asked how you coordinate with your colleagues in '%(title)s'. "
            "Please answer by %(date)s."
        ) % {"title": round_.title, "date": round_.closes_on.strftime("%d.%m.%Y")}
        for respondent in _waiting(round_):
            if notify(
                user=respondent.professional.user,
                key=f"rc-invite:{round_.pk}",
                text=text,
                url=url,
            ):
                sent += 1
    return sent


@task()
def remind_respondents(round_id: int, reminder: int) -> int:
    """Remind everyone who has not submitted yet; drafts count as not submitted."""
    round_ = SurveyRound.objects.filter(pk=round_id).first()
    if round_ is None or round_.is_closed:
        return 0
    url = reverse("coordination:answer", args=[round_.pk])
    sent = 0
    with override("da"):
        text = _(
            "Reminder: your answers to '%(title)s' are still missing. The round closes %(date)s."
        ) % {"title": round_.title, "date": round_.closes_on.strftime("%d.%m.%Y")}
        for respondent in _waiting(round_):
            if notify(
                user=respondent.professional.user,
                key=f"rc-reminder:{round_.pk}:{reminder}",
                text=text,
                url=url,
            ):
                sent += 1
    return sent
