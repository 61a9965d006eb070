"""The evaluation's four questions: our own plain Danish by default, reworded by a
municipality's administrator under fixed keys, with the answers stored under the keys."""

import pytest
from django.urls import reverse

from enplan.core.models import Role
from enplan.core.tests.factories import MunicipalityFactory, UserFactory
from enplan.meetings.models import CitizenEvaluation, EvaluationQuestionText
from enplan.meetings.questions import DEFAULT_QUESTIONS, questions_for
from enplan.meetings.tests.test_evaluation_link import make_link
from enplan.meetings.tests.test_evaluation_screen import ANSWERS

pytestmark = pytest.mark.django_db

OUR_QUESTIONS = [
    "Lyttede de andre til det, du sagde?",
    "Handlede mødet om det, du synes er vigtigt?",
    "Passede måden, mødet foregik på, til dig?",
    "Fik du noget godt ud af mødet?",
]


def screen(client, world, cycle) -> str:
    client.force_login(world.coordinator.user)
    return client.get(reverse("meetings:evaluation", args=[cycle.meeting.pk])).text


def test_the_default_questions_are_our_own_plain_danish(client, world, cycle):
    page = screen(client, world, cycle)
    for question in OUR_QUESTIONS:
        assert question in page


def test_the_scales_meaning_comes_before_the_first_question(client, world, cycle):
    page = screen(client, world, cycle)
    meaning = page.index("0 betyder slet ikke. 10 betyder i høj grad.")
    assert meaning < page.index(OUR_QUESTIONS[0])


def test_a_municipality_can_reword_a_question_and_the_answer_keeps_its_key(client, world, cycle):
    EvaluationQuestionText.objects.create(
        municipality=world.municipality, question="felt_heard", text="Blev du hørt i dag?"
    )
    page = screen(client, world, cycle)
    assert "Blev du hørt i dag?" in page
    assert OUR_QUESTIONS[0] not in page
    assert OUR_QUESTIONS[1] in page
    client.post(
        reverse("meetings:evaluation", args=[cycle.meeting.pk]),
        {**ANSWERS, "member": world.member.pk},
    )
    assert CitizenEvaluation.objects.get().felt_heard == 9


def test_the_one_time_link_shows_the_municipalitys_wording(client, world, cycle):
    EvaluationQuestionText.objects.create(
        municipality=world.municipality, question="overall", text="Var mødet godt for dig?"
    )
    page = client.get(make_link(client, world, cycle)).text
    assert "Var mødet godt for dig?" in page
    assert OUR_QUESTIONS[3] not in page


def test_another_municipalitys_wording_is_not_used(world):
    EvaluationQuestionText.objects.create(
        municipality=MunicipalityFactory(), question="overall", text="Andet sted"
    )
    texts = [q.text for q in questions_for(world.municipality.pk)]
    assert texts == [str(DEFAULT_QUESTIONS[q.key]) for q in questions_for(world.municipality.pk)]


def test_the_questions_are_read_in_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        questions_for(world.municipality.pk)


def test_the_admin_refuses_a_second_text_for_the_same_question(client, world):
    admin = UserFactory(municipality=world.municipality, role=Role.ADMIN, is_staff=True)
    EvaluationQuestionText.objects.create(
        municipality=world.municipality, question="overall", text="A"
    )
    client.force_login(admin)
    add = reverse("admin:meetings_evaluationquestiontext_add")
    assert client.get(add).status_code == 200
    response = client.post(add, {"question": "overall", "text": "B"})
    assert "Din kommune har allerede" in response.text
    assert EvaluationQuestionText.objects.count() == 1
    client.post(add, {"question": "felt_heard", "text": "C"})
    assert EvaluationQuestionText.objects.get(text="C").municipality == world.municipality


def test_a_professional_cannot_reach_the_question_texts_in_the_admin(client, world):
    client.force_login(world.coordinator.user)
    add = reverse("admin:meetings_evaluationquestiontext_add")
    assert client.get(add).status_code == 302
    client.post(add, {"question": "overall", "text": "B"})
    assert not EvaluationQuestionText.objects.exists()


def test_an_administrator_sees_only_their_own_municipalitys_texts(client, world):
    admin = UserFactory(municipality=world.municipality, role=Role.ADMIN, is_staff=True)
    EvaluationQuestionText.objects.create(
        municipality=MunicipalityFactory(), question="overall", text="Andet sted"
    )
    client.force_login(admin)
    page = client.get(reverse("admin:meetings_evaluationquestiontext_changelist")).text
    assert "Andet sted" not in page
