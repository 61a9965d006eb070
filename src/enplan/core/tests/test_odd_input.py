"""Odd input never answers 500: a date from year 1, a garbage file, an admin form."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["network:map", "network:map_svg", "network:map_png"])
def test_the_network_map_of_year_one_is_a_danish_bad_request(client, world, name):
    world.client_for(client, world.coordinator)
    response = client.get(reverse(name, args=[world.plan.pk]) + "?on=0001-01-01")
    assert response.status_code == 400
    assert "Datoen" in response.text


def test_the_steering_csv_from_year_one_is_a_danish_bad_request(client, leader):
    client.force_login(leader)
    url = reverse("progress:dashboard_export", args=["steps", "csv"])
    response = client.get(url + "?start=0001-01-01&end=0001-01-02")
    assert response.status_code == 400
    assert "Datoen" in response.text
