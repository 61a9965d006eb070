import pytest

from enplan.citizen import mitid
from enplan.citizen.tests.factories import make_family
from enplan.citizen.tests.oidc_provider import Provider


@pytest.fixture
def family(world):
    return make_family(world)


@pytest.fixture
def broker(settings):
    """A running OpenID provider standing in for the MitID broker, with Én plan set up as
    its client."""
    provider = Provider(post_logout_redirect_uris=["http://testserver/borger/logget-ud/"])
    provider.start()
    mitid.discovery.cache_clear()
    settings.ENPLAN_MITID_ISSUER = provider.issuer
    settings.OIDC_RP_CLIENT_ID = provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = provider.client_secret
    settings.ENPLAN_MITID_CPR_CLAIM = provider.cpr_claim
    yield provider
    provider.stop()
    mitid.discovery.cache_clear()
