"""The themes overview for the workshop: counts and anonymised quotes, no personal data."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from enplan.meetings.tests.factories import LearningRecapFactory, MeetingFactory, ThemeFactory
from enplan.meetings.themes import RecapData, anonymiser, quote, summarise
from enplan.plans.tests.factories import PlanFactory, PlanMemberFactory

anonymise = anonymiser(["Sanne Bak", "Kenneth Nørgaard", "Pia Møller"], keep=["Jobcentret", "PPR"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sanne satte dagsordenen.", "[navn] satte dagsordenen."),
        ("Vi tog Sannes spørgsmål først.", "Vi tog [navn] spørgsmål først."),
        ("Pia og kenneth kom for sent.", "[navn] og [navn] kom for sent."),
        ("Vi ringede til Grethe om onsdagen.", "Vi ringede til [navn] om onsdagen."),
        ("Jobcentret og PPR var forberedt.", "Jobcentret og PPR var forberedt."),
        ("Hvad vil I gøre? Sanne svarede.", "Hvad vil I gøre? [navn] svarede."),
        ("CPR 120385-1234 var skrevet forkert.", "CPR [cpr] var skrevet forkert."),
        ("Ring på 20 30 40 50 eller 20304050.", "Ring på [telefon] eller [telefon]."),
        ("Skriv til sanne@example.dk i dag.", "Skriv til [e-mail] i dag."),
        ("Mødet den 12.03.2026 gik godt.", "Mødet den [dato] gik godt."),
        ("Mødet den 3. marts gik godt.", "Mødet den [dato] gik godt."),
        ("Hun bor på Vestergade 112, 2. tv.", "Hun bor på [adresse]"),
        ("Vi var 4 ud af 5 til stede.", "Vi var 4 ud af 5 til stede."),
        ("Mormor (Grethe) kom også.", "Mormor ([navn]) kom også."),
        ("Det gik godt. Sanne's bror kom.", "Det gik godt. [navn] bror kom."),
        ("SANNE og KENNETH var der.", "[navn] og [navn] var der."),
        ("Bak-familien var forberedt.", "[navn]-familien var forberedt."),
    ],
)
def test_personal_data_is_replaced(text, expected):
    assert anonymise(text).rstrip(".") == expected.rstrip(".")


def test_everyday_words_that_are_also_names_are_kept_in_small_letters():
    anonymise = anonymiser(["Hans Skov", "Bo Lykke", "Per Holm", "Mormor Åse"])
    text = "Han vil bo hjemme med hans mormor og ses to gange per måned. Det gav lykke."
    assert anonymise(text) == text
    assert anonymise("Hans kom for sent. Bo var syg.") == "[navn] kom for sent. [navn] var syg."
    assert anonymise("Åse kom også, og mormor var glad.") == "[navn] kom også, og mormor var glad."


def test_a_long_quote_is_cut_at_a_sentence():
    text = "Første sætning handler om forberedelse. " * 12
    result = quote(text, anonymise)
    assert len(result) <= 300
    assert result.endswith(".")


def recap(plan_id, *themes, tags=(), worked="", differently="", quotable=True):
    return RecapData(
        plan_id=plan_id,
        themes=themes,
        tags=tuple(tags),
        what_worked=worked,
        do_differently=differently,
        quotable=quotable,
    )


def test_a_theme_on_fewer_than_five_plans_is_named_without_counts_or_quotes():
    overview = summarise(
        [recap(p, "Forberedelse", worked=f"Godt {p}") for p in range(3)]
        + [recap(9, "Rollefordeling", worked="Rolle")],
        anonymise=anonymise,
    )
    assert overview.themes == []
    assert [t.name for t in overview.suppressed] == ["Forberedelse", "Rollefordeling"]
    assert all(t.recaps == 0 and not t.worked for t in overview.suppressed)
    assert overview.too_few_plans


def test_a_theme_on_five_plans_is_counted_with_anonymised_quotes():
    recaps = [recap(p, "Forberedelse", worked=f"Sanne var klar {p}.") for p in range(5)]
    recaps.append(recap(0, "Forberedelse", worked="Ikke til citat.", quotable=False))
    overview = summarise(recaps, anonymise=anonymise)
    theme = overview.themes[0]
    assert (theme.name, theme.recaps, theme.plans) == ("Forberedelse", 6, 5)
    assert len(theme.worked) == 3
    assert all(q.startswith("[navn] var klar") for q in theme.worked)
    assert "Ikke til citat." not in theme.worked


def test_a_rare_tag_of_ones_own_is_not_named_and_a_name_tag_is_dropped():
    recaps = [recap(p, tags=["formøde"]) for p in range(5)] + [
        recap(1, tags=["skilsmisse", "Sanne"])
    ]
    overview = summarise(recaps, anonymise=anonymise)
    assert [t.name for t in overview.themes] == ["formøde"]
    assert overview.suppressed == []


@pytest.mark.django_db
def test_the_overview_page_counts_themes_across_plans_without_names(client, world, leader):
    theme = ThemeFactory(municipality=world.municipality, name="Forberedelse")
    for index in range(5):
        plan = PlanFactory(coordinator=world.coordinator)
        member = PlanMemberFactory(plan=plan, citizen__first_name=f"Aase{index}")
        meeting = MeetingFactory(plan=plan, starts_at=timezone.now() - timedelta(days=5 + index))
        LearningRecapFactory(
            meeting=meeting,
            themes=[theme],
            what_worked=f"{member.citizen.first_name} tog ordet først, og det virkede.",
        )
    client.force_login(leader)
    page = client.get(reverse("meetings:themes")).text
    assert "Forberedelse" in page
    assert "5 opsamlinger fra 5 planer" in page
    assert "[navn] tog ordet først" in page
    assert "Aase" not in page


@pytest.mark.django_db
def test_the_period_is_chosen_by_the_user_and_checked(client, world, leader):
    client.force_login(leader)
    response = client.get(reverse("meetings:themes"), {"start": "2026-05-01", "end": "2026-04-01"})
    assert "Perioden slutter, før den begynder." in response.text


@pytest.mark.django_db
def test_a_citizen_with_a_plan_of_their_own_is_not_named_even_first_in_a_sentence(
    client, world, leader
):
    # Kasper has a plan of his own with no meeting in the period; his sister's recaps
    # name him as the first word of a sentence, where capitals say nothing.
    PlanMemberFactory(plan=PlanFactory(coordinator=world.coordinator), citizen__first_name="Kasper")
    theme = ThemeFactory(municipality=world.municipality, name="Forberedelse")
    for index in range(5):
        plan = PlanFactory(coordinator=world.coordinator)
        PlanMemberFactory(plan=plan)
        meeting = MeetingFactory(plan=plan, starts_at=timezone.now() - timedelta(days=5 + index))
        LearningRecapFactory(
            meeting=meeting,
            themes=[theme],
            what_worked=f"Kasper kom med og hjalp sin søster {index}.",
        )
    client.force_login(leader)
    page = client.get(reverse("meetings:themes")).text
    assert "[navn] kom med og hjalp" in page
    assert "Kasper" not in page


def test_the_overview_itself_refuses_those_who_may_not_read_it(world):
    """The overview's own selector asks the access rule, as every export or command that
    calls it would: a citizen gets 404 even without passing through the page."""
    from django.http import Http404

    from enplan.citizen.tests.factories import with_login
    from enplan.meetings import selectors

    today = timezone.localdate()
    with pytest.raises(Http404):
        selectors.themes_overview(with_login(world.member), start=today, end=today)
