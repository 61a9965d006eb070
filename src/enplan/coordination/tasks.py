"""Background work for survey rounds: invitations and reminders, through the task queue.

Each notice is keyed per user and round (and reminder number), so a task that runs twice
never notifies anyone twice. The e-mail that `notify` sends says only that a notice is
waiting; the round's name can carry a family's name and stays inside Én plan.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy, override
from django_tasks import task

from enplan.coordination import access
from enplan.coordination.models import Respondent, SurveyRound
from enplan.core.models import NoticeKind
from enplan.core.notifications import notify

AUTOMATIC_REMINDER = 0  # reminder number of the one sent by itself before the closing date


def _waiting(round_: SurveyRound):
    return (
        Respondent.objects.filter(
            round=round_, submitted_at__isnull=True, professional__user__isnull=False
        )
        .select_related("professional__user")
        .order_by("pk")
    )


def _notify(round_, respondents, key: str, message, url: str) -> int:
    with override(settings.LANGUAGE_CODE):
        text = message % {"title": round_.title, "date": round_.closes_on.strftime("%d.%m.%Y")}
        return sum(
            1
            for respondent in respondents
            if access.may_still_take_part(respondent)
            and notify(
                user=respondent.professional.user,
                key=key,
                text=text,
                url=url,
                plan=round_.plan,
                kind=NoticeKind.SURVEY,
            )
        )


def _notify_waiting(round_id: int, key: str, message) -> int:
    """Notify everyone in an open round who has not submitted; drafts count as not
    submitted. Returns how many were notified now."""
    round_ = SurveyRound.objects.filter(pk=round_id).first()
    if round_ is None or round_.is_closed:
        return 0
    url = reverse("coordination:answer", args=[round_.pk])
    return _notify(round_, _waiting(round_), key, message, url)


@task()
def invite_respondents(round_id: int) -> int:
    return _notify_waiting(
        round_id,
        f"rc-invite:{round_id}",
        gettext_lazy(
            "You are asked how you coordinate with your colleagues in '%(title)s'. "
            "Please answer by %(date)s."
        ),
    )


@task()
def remind_respondents(round_id: int, reminder: int, closes_on: str = "") -> int:
    """`closes_on` (ISO date) ties the automatic reminder to the closing date it was
    planned for; a reminder asked for on the round page has none."""
    key = f"rc-reminder:{round_id}:{reminder}"
    if closes_on:
        if not SurveyRound.objects.filter(pk=round_id, closes_on=closes_on).exists():
            return 0  # the date has moved; the reminder for the new date is queued
        key = f"{key}:{closes_on}"
    return _notify_waiting(
        round_id,
        key,
        gettext_lazy(
            "Reminder: your answers to '%(title)s' are still missing. The round closes %(date)s."
        ),
    )


@task()
def announce_results(round_id: int) -> int:
    """Tell the respondents who took part that the group results are ready: the point of
    the round is that the team talks about them."""
    round_ = SurveyRound.objects.filter(pk=round_id).first()
    if round_ is None or not round_.is_closed:
        return 0
    took_part = (
        Respondent.objects.filter(
            round=round_, submitted_at__isnull=False, professional__user__isnull=False
        )
        .select_related("professional__user")
        .order_by("pk")
    )
    return _notify(
        round_,
        took_part,
        f"rc-results:{round_.pk}",
        gettext_lazy("The results of '%(title)s' are ready. Only group results are shown."),
        reverse("coordination:results", args=[round_.pk]),
    )
