"""Reminders go out as a background task, to those who have not submitted, once each."""

import pytest
from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from enplan.coordination import services
from enplan.coordination.tasks import remind_respondents
from enplan.coordination.tests.conftest import answer_as
from enplan.core.models import Notification

pytestmark = pytest.mark.django_db


def test_the_reminder_is_queued_from_the_round_page(client, world, plan_round):
    client.force_login(world.coordinator.user)
    response = client.post(reverse("coordination:remind", args=[plan_round.round.pk]), follow=True)
    assert "En påmindelse er på vej til de 4 svarpersoner" in response.text
    assert DBTaskResult.objects.filter(task_path__endswith="remind_respondents").exists()


def test_only_those_who_have_not_submitted_are_reminded(world, plan_round):
    answer_as(world.actor, plan_round.round)
    answer_as(world.coordinator, plan_round.round, submit=False)
    sent = remind_respondents.call(plan_round.round.pk, 1)
    assert sent == 3
    reminded = set(
        Notification.objects.filter(key=f"rc-reminder:{plan_round.round.pk}:1").values_list(
            "user", flat=True
        )
    )
    assert world.actor.user_id not in reminded
    assert world.coordinator.user_id in reminded


def test_a_reminder_that_runs_twice_notifies_once(world, plan_round):
    remind_respondents.call(plan_round.round.pk, 1)
    assert remind_respondents.call(plan_round.round.pk, 1) == 0
    assert Notification.objects.filter(user=world.actor.user).count() == 1


def test_the_reminder_email_does_not_name_the_round(world, plan_round):
    world.actor.user.email = "lars@example.dk"
    world.actor.user.save()
    remind_respondents.call(plan_round.round.pk, 1)
    message = next(m for m in mail.outbox if m.to == ["lars@example.dk"])
    assert "Maja" not in message.subject + message.body
    assert "Maja" in Notification.objects.get(user=world.actor.user).text


def test_a_closed_round_sends_no_reminders(world, plan_round):
    services.round_close(user=world.coordinator.user, round_=plan_round.round)
    assert remind_respondents.call(plan_round.round.pk, 1) == 0


def test_one_reminder_is_scheduled_by_itself_before_the_closing_date(world):
    from datetime import timedelta

    from django.utils import timezone

    from enplan.organisation.tests.factories import ProfessionalFactory
    from enplan.plans.tests.factories import ActorFactory

    for _ in range(2):
        ActorFactory(plan=world.plan, professional=ProfessionalFactory(department=world.department))
    closes_on = timezone.localdate() + timedelta(days=14)
    round_ = services.round_create(
        user=world.coordinator.user,
        title="",
        scope="plan",
        plan=world.plan,
        grouping="department",
        closes_on=closes_on,
    )
    scheduled = DBTaskResult.objects.get(task_path__endswith="remind_respondents")
    assert scheduled.args_kwargs["args"] == [round_.pk, 0]
    reminder_day = timezone.localtime(scheduled.run_after).date()
    assert closes_on - timedelta(days=4) <= reminder_day < closes_on
    assert reminder_day.weekday() < 5


def test_the_respondents_who_took_part_hear_when_the_results_are_ready(world, plan_round):
    from enplan.coordination.tasks import announce_results

    answer_as(world.actor, plan_round.round)
    services.round_close(user=world.coordinator.user, round_=plan_round.round)
    assert DBTaskResult.objects.filter(task_path__endswith="announce_results").exists()
    assert announce_results.call(plan_round.round.pk) == 1
    notice = Notification.objects.get(user=world.actor.user, key__startswith="rc-results")
    assert notice.url == reverse("coordination:results", args=[plan_round.round.pk])


def test_a_round_that_closes_by_its_date_announces_its_results_the_next_morning(world, plan_round):
    from datetime import timedelta

    from django.utils import timezone

    from enplan.coordination.tasks import announce_results

    round_ = plan_round.round
    scheduled = DBTaskResult.objects.get(task_path__endswith="announce_results")
    assert scheduled.args_kwargs["args"] == [round_.pk]
    assert timezone.localtime(scheduled.run_after).date() == round_.closes_on + timedelta(days=1)
    answer_as(world.actor, round_)
    assert announce_results.call(round_.pk) == 0  # still open on its closing day
    round_.closes_on = round_.opens_on = timezone.localdate() - timedelta(days=1)
    round_.save()
    assert announce_results.call(round_.pk) == 1
    assert Notification.objects.filter(user=world.actor.user, key__startswith="rc-results")


def test_a_later_closing_date_moves_the_announcement_too(world, plan_round):
    from datetime import timedelta

    from django.utils import timezone

    from enplan.coordination.tasks import announce_results

    round_ = plan_round.round
    answer_as(world.actor, round_)
    later = timezone.localdate() + timedelta(days=7)
    services.round_extend(user=world.coordinator.user, round_=round_, closes_on=later)
    days = {
        timezone.localtime(task.run_after).date()
        for task in DBTaskResult.objects.filter(task_path__endswith="announce_results")
    }
    assert later + timedelta(days=1) in days
    # The announcement planned for the first date finds the round still open.
    assert announce_results.call(round_.pk) == 0


def test_keeping_the_closing_date_queues_nothing_new(world, plan_round):
    round_ = plan_round.round
    queued = DBTaskResult.objects.count()
    services.round_extend(user=world.coordinator.user, round_=round_, closes_on=round_.closes_on)
    assert DBTaskResult.objects.count() == queued


def test_a_later_closing_date_moves_the_automatic_reminder(world, plan_round):
    from datetime import timedelta

    from django.utils import timezone

    round_ = plan_round.round
    first_date = timezone.localdate() + timedelta(days=14)
    services.round_extend(user=world.coordinator.user, round_=round_, closes_on=first_date)
    later = first_date + timedelta(days=14)
    services.round_extend(user=world.coordinator.user, round_=round_, closes_on=later)
    planned = {
        task.args_kwargs["kwargs"]["closes_on"]: timezone.localtime(task.run_after).date()
        for task in DBTaskResult.objects.filter(task_path__endswith="remind_respondents")
    }
    assert later - timedelta(days=4) <= planned[later.isoformat()] < later

    # The reminder planned for the earlier date finds the date moved and reminds nobody.
    assert remind_respondents.call(round_.pk, 0, closes_on=first_date.isoformat()) == 0
    assert not Notification.objects.filter(key__startswith="rc-reminder")
    # The one for the new date reminds those who have not answered.
    assert remind_respondents.call(round_.pk, 0, closes_on=later.isoformat()) > 0
    assert Notification.objects.filter(user=world.actor.user, key__startswith="rc-reminder")


def _withdraw_the_consent(world):
    from django.utils import timezone

    world.plan.consents.update(withdrawn_on=timezone.localdate())


def test_a_respondent_who_can_no_longer_see_the_plan_is_not_reminded(world, plan_round):
    # The round's name is the family's; after the citizen withdrew consent, a reminder
    # would tell the professional about a plan they may no longer know of.
    _withdraw_the_consent(world)
    remind_respondents.call(plan_round.round.pk, 1)
    reminded = set(
        Notification.objects.filter(key__startswith="rc-reminder").values_list("user", flat=True)
    )
    assert reminded == {world.coordinator.user_id}


def test_a_respondent_who_can_no_longer_see_the_plan_is_not_told_about_the_results(
    world, plan_round
):
    from enplan.coordination.tasks import announce_results

    answer_as(world.actor, plan_round.round)
    answer_as(world.coordinator, plan_round.round)
    _withdraw_the_consent(world)
    services.round_close(user=world.coordinator.user, round_=plan_round.round)
    assert announce_results.call(plan_round.round.pk) == 1
    assert not Notification.objects.filter(user=world.actor.user).exclude(
        key__startswith="rc-invite"
    )


def test_the_notices_of_a_plans_round_belong_to_the_plan(world, plan_round):
    # So they are hidden with the plan when the respondent's access ends.
    remind_respondents.call(plan_round.round.pk, 1)
    notice = Notification.objects.get(user=world.actor.user)
    assert notice.plan_id == world.plan.pk
