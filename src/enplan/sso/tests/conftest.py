import pytest

from enplan.core.models import Role
from enplan.sso.models import Audience, IdentityProvider, Protocol, RightMapping
from enplan.sso.tests.saml_idp import IdP, make_key_pair

CASEWORKER = "http://enplan.dk/roles/usersystemrole/sagsbehandler/1"
LEADER = "http://enplan.dk/roles/usersystemrole/teamleder/1"
JOBCENTRE = "urn:dk:kombit:orgunit:jobcentret"
HEALTH = "urn:dk:kombit:orgunit:sundhedsplejen"


@pytest.fixture(scope="session")
def keys(tmp_path_factory):
    directory = tmp_path_factory.mktemp("saml-keys")
    return {
        "idp": make_key_pair(directory, "idp"),
        "sp": make_key_pair(directory, "enplan-sp"),
        "impostor": make_key_pair(directory, "impostor"),
    }


def connect(client, provider: IdentityProvider, keys) -> IdP:
    """The municipality's set-up: the IdP's metadata into Én plan's administration, and
    Én plan's metadata (from its endpoint) into the IdP."""
    idp = IdP(*keys["idp"])
    provider.idp_metadata_xml = idp.metadata()
    provider.save()
    response = client.get(f"/sso/{provider.slug}/saml/metadata/")
    assert response.status_code == 200
    idp.sp_metadata = response.content.decode()
    return idp


@pytest.fixture
def kombit_provider(world, keys):
    provider = IdentityProvider.objects.create(
        municipality=world.municipality,
        name="KOMBIT",
        slug="test-kombit",
        audience=Audience.STAFF,
        protocol=Protocol.SAML,
        sp_key_path=keys["sp"][0],
        sp_cert_path=keys["sp"][1],
    )
    RightMapping.objects.create(
        municipality=world.municipality,
        provider=provider,
        right=CASEWORKER,
        scope=JOBCENTRE,
        role=Role.PROFESSIONAL,
        department=world.department,
        order=1,
    )
    RightMapping.objects.create(
        municipality=world.municipality,
        provider=provider,
        right=CASEWORKER,
        scope=HEALTH,
        role=Role.PROFESSIONAL,
        department=world.other_department,
        order=2,
    )
    RightMapping.objects.create(
        municipality=world.municipality,
        provider=provider,
        right=LEADER,
        role=Role.LEADER,
        order=3,
    )
    return provider


@pytest.fixture
def kombit(client, kombit_provider, keys) -> IdP:
    return connect(client, kombit_provider, keys)


@pytest.fixture
def nemlogin_provider(world, keys):
    return IdentityProvider.objects.create(
        municipality=world.municipality,
        name="NemLog-in",
        slug="test-nemlogin",
        audience=Audience.CITIZEN,
        protocol=Protocol.SAML,
        sp_key_path=keys["sp"][0],
        sp_cert_path=keys["sp"][1],
    )


@pytest.fixture
def nemlogin(client, nemlogin_provider, keys) -> IdP:
    return connect(client, nemlogin_provider, keys)
