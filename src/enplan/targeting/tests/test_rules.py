"""Rules are data: parsed and checked with Danish messages, versioned, and published."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from enplan.targeting import rules, services
from enplan.targeting.models import RuleSet
from enplan.targeting.tests.extracts import RULES


@pytest.fixture(autouse=True)
def danish():
    with translation.override("da"):
        yield


def test_the_example_from_the_issue_parses():
    parsed = rules.parse(
        '[[rule]]\nname = "Mere end 3 år på offentlig forsørgelse"\n'
        'indicator = "years_on_benefits"\nmin = 3          # inclusive\npoints = 500\n'
        "[selection]\nmin_points = 1500   # household points\n"
    )
    assert parsed.min_points == 1500
    assert parsed.rules[0] == rules.Rule(
        name="Mere end 3 år på offentlig forsørgelse",
        indicator="years_on_benefits",
        points=500,
        min=3.0,
    )


def test_bounds_are_inclusive():
    rule = rules.Rule(name="x", indicator="i", points=1, min=2, max=4)
    assert [rule.fires(v) for v in (1.99, 2, 3, 4, 4.01)] == [False, True, True, True, False]


def test_every_problem_is_listed_in_danish():
    with pytest.raises(ValidationError) as error:
        rules.parse(
            '[[rule]]\nname = "A"\nindicator = "x"\npoints = 1.5\nmin = 5\nmax = 1\nmaks = 3\n'
            '[[rule]]\nname = "A"\nindicator = "y"\npoints = 2\n'
        )
    assert error.value.messages == [
        "Regel 1 (A) har en ukendt nøgle: maks.",
        "Regel 1 (A): point skal være et helt tal.",
        "Regel 1 (A): min er større end max.",
        "Regel 2 (A): to regler har samme navn.",
        "[selection] med min_points mangler.",
    ]


def test_a_syntax_error_names_the_line():
    with pytest.raises(ValidationError) as error:
        rules.parse('[[rule]]\nname = "A\n')
    assert error.value.messages[0].startswith(
        "Reglerne kan ikke læses: der er en syntaksfejl i linje 2"
    )


def test_an_indicator_outside_the_catalogue_is_refused():
    with pytest.raises(ValidationError, match="shoe_size"):
        rules.parse(RULES.replace("open_cases", "shoe_size"), indicators={"years_on_benefits"})


@pytest.mark.django_db
def test_each_change_is_a_new_version_and_old_versions_stay_unchanged(screening):
    from enplan.targeting.tests.factories import indicators_for

    indicators_for(screening.round.municipality)
    rule_set = RuleSet.objects.create(municipality=screening.round.municipality, name="Nyt")
    first = services.rule_version_add(user=screening.admin, rule_set=rule_set, source=RULES)
    same = services.rule_version_add(user=screening.admin, rule_set=rule_set, source=RULES)
    second = services.rule_version_add(
        user=screening.admin, rule_set=rule_set, source=RULES.replace("1000", "1200")
    )
    assert (first.number, same.number, second.number) == (1, 1, 2)
    with pytest.raises(TypeError):
        first.save()


@pytest.mark.django_db
def test_the_admin_keeps_every_version(client, screening):
    rule_set = screening.round.rule_version.rule_set
    client.force_login(screening.admin)
    url = f"/admin/targeting/ruleset/{rule_set.pk}/change/"
    response = client.post(
        url,
        {
            "name": rule_set.name,
            "description": "",
            "is_active": "on",
            "source": RULES.replace("min_points = 1000", "min_points = 900"),
            "note": "Lavere grænse.",
            "versions-TOTAL_FORMS": "1",
            "versions-INITIAL_FORMS": "1",
            "versions-MIN_NUM_FORMS": "0",
            "versions-MAX_NUM_FORMS": "1000",
            "versions-0-id": screening.round.rule_version.pk,
            "versions-0-rule_set": rule_set.pk,
        },
    )
    assert response.status_code == 302, response.content
    assert list(rule_set.versions.values_list("number", flat=True)) == [2, 1]
    assert rule_set.versions.get(number=2).note == "Lavere grænse."
    assert "min_points = 1000" in rule_set.versions.get(number=1).source


@pytest.mark.django_db
def test_the_public_page_lists_the_rules_in_force_and_every_version(client, screening):
    rule_set = screening.round.rule_version.rule_set
    services.rule_version_add(
        user=screening.admin, rule_set=rule_set, source=RULES.replace("700", "650"), note="Ny"
    )
    page = client.get(f"/targeting/rules/{screening.round.municipality.code}/").text
    assert "Gældende: version 2" in page
    assert "Version 1" in page
    assert "650" in page
    assert "Børn med foranstaltninger" in page


@pytest.mark.django_db
def test_the_public_page_names_the_indicators_in_words_not_by_their_keys(client, screening):
    from enplan.targeting.models import Indicator

    code = screening.round.municipality.code
    rule_set = screening.round.rule_version.rule_set
    pages = [
        client.get(f"/targeting/rules/{code}/").text,
        client.get(f"/targeting/rules/{code}/{rule_set.pk}/v1/").text,
    ]
    keys = Indicator.objects.filter(municipality=screening.round.municipality)
    assert keys.exists()
    for page in pages:
        for indicator in keys:
            assert f">{indicator.key}<" not in page
        assert any(f"<td>{indicator.name}</td>" in page for indicator in keys)
    # The version's page also shows the rule file itself, word for word, for transparency;
    # the page of the rules in force shows no code at all.
    assert "years_on_benefits" not in pages[0]


@pytest.mark.django_db
def test_the_admin_refuses_a_health_indicator_without_art_9(client, screening):
    from enplan.targeting.admin import ScreeningRoundForm
    from enplan.targeting.models import Indicator

    form = ScreeningRoundForm(
        data={
            "name": "R",
            "purpose": "P",
            "rule_version": screening.round.rule_version.pk,
            "indicators": [Indicator.objects.get(key="psychiatric_contacts").pk],
            "departments": [screening.reviewer.department_id],
            "delete_after_days": 30,
        },
        instance=screening.round,
    )
    assert not form.is_valid()
    assert "indicators" in form.errors
