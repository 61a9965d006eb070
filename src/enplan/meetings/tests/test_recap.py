"""The learning recap after a meeting: what worked, what to do differently, themes."""

import pytest
from django.urls import reverse

from enplan.core.models import AuditEvent
from enplan.meetings.models import LearningRecap
from enplan.meetings.services import normalise_tags
from enplan.meetings.tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def test_free_tags_are_trimmed_and_deduplicated_ignoring_case():
    assert normalise_tags(" Formøde ,formøde, tolk,, for  mange ") == [
        "Formøde",
        "tolk",
        "for mange",
    ]


def test_too_many_tags_are_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        normalise_tags(",".join(f"t{i}" for i in range(11)))


def test_a_recap_is_written_with_themes_and_tags_and_can_be_edited(client, world, cycle):
    theme = ThemeFactory(municipality=world.municipality, name="Forberedelse")
    client.force_login(world.coordinator.user)
    url = reverse("meetings:recap", args=[cycle.meeting.pk])
    response = client.post(
        url,
        {
            "what_worked": "Formødet gav ro.",
            "do_differently": "Send dagsordenen tidligere.",
            "themes": [theme.pk],
            "tags": "formøde, tolk",
            "quotable": "on",
        },
    )
    assert response.status_code == 302
    recap = LearningRecap.objects.get()
    assert list(recap.themes.all()) == [theme]
    assert recap.tags == ["formøde", "tolk"]
    assert recap.quotable
    client.post(
        url,
        {"what_worked": "Formødet gav ro.", "do_differently": "", "version": recap.version},
    )
    recap.refresh_from_db()
    assert (recap.do_differently, recap.quotable, recap.version) == ("", False, 2)
    assert AuditEvent.objects.filter(object_type="meetings.learningrecap").count() == 2
    page = client.get(reverse("meetings:detail", args=[cycle.meeting.pk])).text
    assert "Formødet gav ro." in page


def test_an_empty_recap_is_refused(client, world, cycle):
    client.force_login(world.coordinator.user)
    response = client.post(
        reverse("meetings:recap", args=[cycle.meeting.pk]), {"what_worked": " ", "tags": ""}
    )
    assert "Skriv, hvad der virkede" in response.text
    assert not LearningRecap.objects.exists()


def test_a_stale_recap_edit_is_not_saved(client, world, cycle):
    client.force_login(world.coordinator.user)
    url = reverse("meetings:recap", args=[cycle.meeting.pk])
    client.post(url, {"what_worked": "A"})
    client.post(url, {"what_worked": "B", "version": 1})
    response = client.post(url, {"what_worked": "C", "version": 1})
    assert "Dine ændringer er ikke gemt." in response.text
    assert LearningRecap.objects.get().what_worked == "B"


def test_another_municipalitys_theme_is_refused(world, cycle):
    from django.core.exceptions import ValidationError

    from enplan.core.tests.factories import MunicipalityFactory
    from enplan.meetings import services

    foreign = ThemeFactory(municipality=MunicipalityFactory(), name="Andet")
    with pytest.raises(ValidationError):
        services.recap_save(
            user=world.coordinator.user,
            meeting=cycle.meeting,
            version=None,
            what_worked="Godt",
            do_differently="",
            themes=[foreign],
        )
    assert not LearningRecap.objects.exists()
