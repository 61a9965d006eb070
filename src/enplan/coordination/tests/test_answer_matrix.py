"""The RC form: one compact row per dimension in each workgroup, and how far the
respondent has come."""

import pytest
from django.urls import reverse

from enplan.coordination import services
from enplan.coordination.models import Workgroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_groups(plan_round):
    Workgroup.objects.create(
        municipality=plan_round.round.municipality, round=plan_round.round, name="Skolen"
    )
    return plan_round


def page_for(client, professional, round_):
    client.force_login(professional.user)
    return client.get(reverse("coordination:answer", args=[round_.pk])).text


def test_each_dimension_is_one_row_with_its_own_legend(client, world, plan_round):
    page = page_for(client, world.actor, plan_round.round)
    assert page.count('<fieldset class="rc-grid__row">') == 7
    assert page.count("<legend>") >= 7
    # Each answer keeps its own label for screen readers.
    assert page.count('class="rc-grid__text">4 Ofte</span>') == 7


def test_a_form_with_several_groups_shows_the_progress(client, world, two_groups):
    page = page_for(client, world.actor, two_groups.round)
    assert "Gruppe 1 af 2" in page
    assert "Gruppe 2 af 2" in page
    assert "Du har svaret om 0 af 2 arbejdsgrupper" in page
    assert '<progress id="rc-progress" max="2" value="0">' in page


def test_the_progress_counts_a_group_once_every_question_is_answered(client, world, two_groups):
    round_ = two_groups.round
    respondent = round_.respondents.get(professional=world.actor)
    own = respondent.group_id
    values = {(own, d): 4 for d in services.Dimension.values}
    other = round_.groups.exclude(pk=own).get()
    values[(other.pk, "respect")] = None  # "Ved ikke" counts as answered
    services.answers_save(
        user=world.actor.user,
        respondent=respondent,
        version=respondent.version,
        values=values,
        submit=False,
    )
    page = page_for(client, world.actor, round_)
    assert "Du har svaret om 1 af 2 arbejdsgrupper" in page


def test_a_form_with_one_group_shows_no_progress(client, world, plan_round):
    page = page_for(client, world.actor, plan_round.round)
    assert "data-rc-progress" not in page
    assert "Gruppe 1 af 1" not in page


def test_a_professional_outside_the_round_cannot_read_or_write_the_form(client, world, two_groups):
    client.force_login(world.outsider.user)
    url = reverse("coordination:answer", args=[two_groups.round.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"version": 1}).status_code == 404
