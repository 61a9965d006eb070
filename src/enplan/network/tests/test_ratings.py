"""Rating a collaboration from one actor's perspective."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from enplan.core.models import AuditAction, AuditEvent
from enplan.network.models import RelationRating
from enplan.network.services import relation_rate
from enplan.plans.models import Actor
from enplan.plans.tests.factories import ActorFactory, PrivateActorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def actors(world):
    own = Actor.objects.get(plan=world.plan, professional=world.actor)
    grandmother = PrivateActorFactory(plan=world.plan, name="Mormor")
    return own, grandmother


def test_a_rating_is_stored_in_pair_order_and_audited(world, actors):
    own, grandmother = actors
    rating = relation_rate(
        user=world.actor.user,
        plan=world.plan,
        rater=grandmother,
        first=grandmother,
        second=own,
        level="medium",
        comment="  Vi ses for sjældent. ",
    )
    assert (rating.first_id, rating.second_id) == (own.pk, grandmother.pk)
    assert rating.comment == "Vi ses for sjældent."
    assert rating.municipality_id == world.plan.municipality_id
    event = AuditEvent.objects.get(object_type="network.relationrating")
    assert (event.action, event.plan_id) == (AuditAction.CREATE, world.plan.pk)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"second": "first"}, "second"),
        ({"level": "excellent"}, "level"),
        ({"rated_on": "tomorrow"}, "rated_on"),
        ({"rated_on": "before"}, "rater"),
    ],
)
def test_bad_ratings_are_refused_and_nothing_is_saved(world, actors, change, field):
    own, grandmother = actors
    grandmother.started_on = timezone.localdate() - timedelta(days=5)
    grandmother.save()
    own.started_on = timezone.localdate() - timedelta(days=30)
    own.save()
    values = {"rater": grandmother, "first": own, "second": grandmother, "level": "good"}
    if change.get("second") == "first":
        values["second"] = own
    if "level" in change:
        values["level"] = change["level"]
    if change.get("rated_on") == "tomorrow":
        values["rated_on"] = timezone.localdate() + timedelta(days=1)
    if change.get("rated_on") == "before":
        values["rated_on"] = timezone.localdate() - timedelta(days=10)
    with pytest.raises(ValidationError) as error:
        relation_rate(user=world.actor.user, plan=world.plan, **values)
    assert field in error.value.message_dict
    assert not RelationRating.objects.exists()


def test_an_actor_of_another_plan_cannot_be_rated(world, actors):
    own, _ = actors
    stranger = ActorFactory()
    with pytest.raises(ValidationError):
        relation_rate(
            user=world.actor.user,
            plan=world.plan,
            rater=own,
            first=own,
            second=stranger,
            level="good",
        )
    assert not RelationRating.objects.exists()


def test_rating_from_the_map_page_colours_the_relation(client, world, actors):
    own, grandmother = actors
    client.force_login(world.actor.user)
    form = client.get(f"/plans/{world.plan.pk}/organisation/ratings/new/")
    # The rater defaults to the person's own place in the network.
    assert form.context["form"].initial["rater"] == own.pk
    response = client.post(
        f"/plans/{world.plan.pk}/organisation/ratings/new/",
        {
            "rater": own.pk,
            "first": own.pk,
            "second": grandmother.pk,
            "level": "poor",
            "comment": "",
            "rated_on": timezone.localdate().isoformat(),
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#organisation"
    html = response.content.decode()
    assert f'data-level="poor" data-pair="{own.pk}-{grandmother.pk}"' in html
    assert "Vurderingen er registreret." in html


def test_a_rating_with_errors_is_explained_in_danish(client, world, actors):
    own, _ = actors
    client.force_login(world.actor.user)
    response = client.post(
        f"/plans/{world.plan.pk}/organisation/ratings/new/",
        {"rater": own.pk, "first": own.pk, "second": own.pk, "rated_on": "2026-01-01"},
    )
    assert "Vælg to forskellige personer." in response.content.decode()
    assert "Dette felt er påkrævet." in response.content.decode()
    assert not RelationRating.objects.exists()


def test_rating_again_keeps_the_history_and_the_map_shows_the_latest(client, world, actors):
    own, grandmother = actors
    for level in ("poor", "good"):
        relation_rate(
            user=world.actor.user,
            plan=world.plan,
            rater=own,
            first=own,
            second=grandmother,
            level=level,
        )
    assert RelationRating.objects.count() == 2
    client.force_login(world.actor.user)
    page = client.get(f"/plans/{world.plan.pk}/organisation/").context["page"]
    assert [r.level for r in page.relations] == ["good"]
