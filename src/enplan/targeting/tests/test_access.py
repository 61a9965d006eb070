"""Every page of finding the citizens, for every kind of user: outsiders, other
municipalities and team leaders get 404 for anything about a person; anonymous visitors
go to the login, except on the public rules page."""

import pytest

from enplan.targeting.models import CandidateDecision
from enplan.targeting.tests.factories import NominationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(scored, world):
    from enplan.targeting import services

    candidate = scored.round.candidates.get()
    candidate.decision = CandidateDecision.ACCEPTED
    candidate.save()
    nomination = NominationFactory(department=world.department, nominated_by=world.actor.user)
    invitation = services.nomination_accept(
        user=scored.handler.user, nomination=nomination, version=nomination.version
    )
    open_one = NominationFactory(department=world.department, nominated_by=world.actor.user)
    return {
        "round": scored.round.pk,
        "candidate": candidate.pk,
        "nomination": open_one.pk,
        "invitation": invitation.pk,
    }


# url, who may open it (besides nobody else)
PAGES = {
    "nominations": ("/targeting/nominations/", {"handler"}),
    "nomination": ("/targeting/nominations/{nomination}/", {"handler", "nominator"}),
    "invitations": ("/targeting/invitations/", {"handler"}),
    "invitation": ("/targeting/invitations/{invitation}/", {"handler"}),
    "letter": ("/targeting/invitations/{invitation}/letter.pdf", {"handler"}),
    "invitation_accept": ("/targeting/invitations/{invitation}/yes/", {"handler"}),
    "round": ("/targeting/rounds/{round}/", {"reviewer", "key_holder", "leader", "admin"}),
    "shortlist": ("/targeting/rounds/{round}/shortlist/", {"reviewer"}),
    "reidentify_list": ("/targeting/rounds/{round}/reidentify/", {"key_holder"}),
    "reidentify": ("/targeting/rounds/{round}/candidates/{candidate}/reidentify/", {"key_holder"}),
    "annex": ("/targeting/rounds/{round}/annex/", {"reviewer", "leader", "admin"}),
    "annex_pdf": ("/targeting/rounds/{round}/annex.pdf", {"reviewer", "leader", "admin"}),
    "dpia": ("/targeting/rounds/{round}/dpia/", {"reviewer", "leader", "admin"}),
}
# Pages the user can see the round of, but whose action is not theirs: 403.
FORBIDDEN = {
    ("round_upload", "key_holder"),
    ("round_upload", "leader"),
    ("round_upload", "admin"),
    ("round_close", "reviewer"),
    ("round_close", "key_holder"),
    ("round_close", "leader"),
}
ACTIONS = {
    "round_upload": ("/targeting/rounds/{round}/upload/", {"reviewer"}),
    "round_close": ("/targeting/rounds/{round}/close/", {"admin"}),
}
ROLES = [
    "handler",
    "nominator",
    "reviewer",
    "key_holder",
    "leader",
    "admin",
    "outsider",
    "stranger",
]


def login(client, scored, world, role):
    user = {
        "handler": scored.handler.user,
        "nominator": world.actor.user,
        "reviewer": scored.reviewer.user,
        "key_holder": scored.key_holder,
        "leader": scored.leader,
        "admin": scored.admin,
        "outsider": scored.outsider.user,
        "stranger": scored.stranger.user,
    }[role]
    client.force_login(user)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", PAGES)
def test_each_page_answers_only_those_who_may_see_it(client, scored, world, objects, name, role):
    url, allowed = PAGES[name]
    login(client, scored, world, role)
    expected = 200 if role in allowed else 404
    assert client.get(url.format(**objects)).status_code == expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ACTIONS)
def test_actions_are_403_for_those_who_see_the_round_and_404_for_the_rest(
    client, scored, world, objects, name, role
):
    url, allowed = ACTIONS[name]
    login(client, scored, world, role)
    status = client.get(url.format(**objects)).status_code
    if role in allowed:
        assert status == 200
    elif (name, role) in FORBIDDEN:
        assert status == 403
    else:
        assert status == 404


@pytest.mark.parametrize("name", [*PAGES, *ACTIONS])
def test_anonymous_visitors_are_sent_to_the_login(client, objects, name):
    url = {**PAGES, **ACTIONS}[name][0]
    response = client.get(url.format(**objects))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_public_rules_need_no_login(client, scored):
    code = scored.round.municipality.code
    assert client.get(f"/targeting/rules/{code}/").status_code == 200
    rule_set = scored.round.rule_version.rule_set_id
    assert client.get(f"/targeting/rules/{code}/{rule_set}/v1/").status_code == 200


def test_a_reviewer_cannot_post_a_re_identification(client, scored, world, objects, key):
    login(client, scored, world, "reviewer")
    url = "/targeting/rounds/{round}/candidates/{candidate}/reidentify/".format(**objects)
    assert client.post(url, {"key": key}).status_code == 404


def test_a_leader_cannot_review(client, scored, world, objects):
    """The leader sees the round, so reviewing answers 403 as scoring it does."""
    login(client, scored, world, "leader")
    url = "/targeting/rounds/{round}/candidates/{candidate}/review/".format(**objects)
    assert client.post(url, {"decision": "accept", "reason": "x"}).status_code == 403
    assert client.post("/targeting/rounds/{round}/score/".format(**objects)).status_code == 403


def test_a_leader_sees_no_pseudonym_anywhere(client, scored, world, objects):
    login(client, scored, world, "leader")
    household = scored.round.candidates.get().household
    for url in ("/targeting/", "/targeting/rounds/{round}/", "/targeting/rounds/{round}/annex/"):
        page = client.get(url.format(**objects)).text
        assert household[:10] not in page
