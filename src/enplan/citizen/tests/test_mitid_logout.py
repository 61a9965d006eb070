"""Logging out ends the citizen's session at the MitID broker too (OpenID Connect
RP-Initiated Logout), so that the next person at a shared computer who presses "Log ind med
MitID" is asked for their own MitID instead of being let in as the last citizen.

The browser is a requests.Session, so it keeps the broker's session cookie between visits
as a real browser would; the broker remembers a browser that has logged in until it is
logged out there."""

from urllib.parse import parse_qs, urlparse

import pytest
import requests

from enplan.citizen import mitid
from enplan.citizen.tests.factories import with_login
from enplan.citizen.tests.oidc_provider import log_in_with_mitid

pytestmark = pytest.mark.django_db


def log_out(client, browser):
    """Press "Log ud", and let the browser follow the way through the broker and back."""
    response = client.post("/borger/logud/")
    assert response.status_code == 302
    location = response["Location"]
    if location.startswith("http://127.0.0.1"):
        back = browser.get(location, allow_redirects=False, timeout=5)
        assert back.status_code == 302
        location = back.headers["Location"]
    return client.get(location.removeprefix("http://testserver"))


def test_logging_out_sends_the_browser_to_the_broker_with_the_id_token(client, broker, family):
    log_in_with_mitid(client, broker, family.mother.citizen.cpr)
    response = client.post("/borger/logud/")
    assert "_auth_user_id" not in client.session
    url = urlparse(response["Location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{broker.issuer}/end_session"
    query = parse_qs(url.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/borger/logget-ud/"]
    assert query["client_id"] == [broker.client_id]
    assert query["id_token_hint"][0].count(".") == 2


def test_after_logging_out_the_next_login_asks_for_mitid_again(client, broker, family):
    browser = requests.Session()
    log_in_with_mitid(client, broker, family.mother.citizen.cpr, browser)
    assert len(broker.prompts) == 1

    page = log_out(client, browser)
    assert page.status_code == 200
    assert "Du er logget ud" in page.content.decode()
    assert broker.logouts == [broker.sub_of(family.mother.citizen.cpr)]

    # The next person at the same computer presses "Log ind med MitID".
    response = log_in_with_mitid(client, broker, family.teen.citizen.cpr, browser)
    assert len(broker.prompts) == 2
    assert response["Location"] == "/borger/"
    family.teen.citizen.refresh_from_db()
    assert client.session["_auth_user_id"] == str(family.teen.citizen.user_id)


def test_without_the_logout_at_the_broker_it_would_let_the_last_citizen_straight_in(
    client, broker, family
):
    # What the broker does with a browser it remembers: the reason for the logout above.
    browser = requests.Session()
    log_in_with_mitid(client, broker, family.mother.citizen.cpr, browser)
    client.logout()  # only the session here
    log_in_with_mitid(client, broker, family.teen.citizen.cpr, browser)
    assert len(broker.prompts) == 1
    family.mother.citizen.refresh_from_db()
    assert client.session["_auth_user_id"] == str(family.mother.citizen.user_id)


def test_a_broker_without_an_end_session_endpoint_still_logs_out_here(
    client, broker, family, monkeypatch
):
    discovery = broker.discovery()
    del discovery["end_session_endpoint"]
    monkeypatch.setattr(broker, "discovery", lambda: discovery)
    mitid.discovery.cache_clear()
    log_in_with_mitid(client, broker, family.mother.citizen.cpr)
    response = client.post("/borger/logud/")
    assert response["Location"] == "/borger/logget-ud/"
    assert "_auth_user_id" not in client.session
    assert "luk browseren" in client.get(response["Location"]).content.decode()


def test_a_citizen_logged_in_with_test_mitid_logs_out_here_only(client, family):
    client.force_login(with_login(family.mother))
    response = client.post("/borger/logud/")
    assert response["Location"] == "/borger/logget-ud/"
    assert "_auth_user_id" not in client.session


def test_logging_out_takes_a_post(client, family):
    assert client.get("/borger/logud/").status_code == 405
