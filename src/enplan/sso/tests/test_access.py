"""Who may read and change the identity providers, and which logins may be used."""

import pytest

from enplan.core.models import Role
from enplan.core.tests.factories import MunicipalityFactory, UserFactory
from enplan.sso.models import Audience, IdentityProvider, Protocol

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipal_admin(world):
    return UserFactory(municipality=world.municipality, role=Role.ADMIN, is_staff=True)


def provider(municipality, slug, **kwargs):
    return IdentityProvider.objects.create(
        municipality=municipality,
        name=slug,
        slug=slug,
        protocol=kwargs.pop("protocol", Protocol.OIDC),
        oidc_issuer="https://login.example/",
        **kwargs,
    )


def test_the_administrator_sees_only_their_own_municipalitys_providers(
    client, world, municipal_admin
):
    own = provider(world.municipality, "egen-entra")
    foreign = provider(MunicipalityFactory(), "fremmed-entra")
    client.force_login(municipal_admin)
    listing = client.get("/admin/sso/identityprovider/").content.decode()
    assert "egen-entra" in listing
    assert "fremmed-entra" not in listing
    assert client.get(f"/admin/sso/identityprovider/{own.pk}/change/").status_code == 200
    assert client.get(f"/admin/sso/identityprovider/{foreign.pk}/change/").status_code == 302


def test_the_administrator_adds_a_provider_for_their_own_municipality(
    client, world, municipal_admin
):
    client.force_login(municipal_admin)
    response = client.post(
        "/admin/sso/identityprovider/add/",
        {
            "name": "Entra ID",
            "slug": "egen-entra",
            "audience": Audience.STAFF,
            "protocol": Protocol.OIDC,
            "is_active": "on",
            "oidc_issuer": "https://login.microsoftonline.com/tenant/v2.0",
            "oidc_client_id": "abc",
            "oidc_scopes": "openid",
            "roles_claim": "roles",
            "rights-TOTAL_FORMS": "1",
            "rights-INITIAL_FORMS": "0",
            "rights-0-order": "1",
            "rights-0-right": "Enplan.Caseworker",
            "rights-0-role": Role.PROFESSIONAL,
            "rights-0-department": str(world.department.pk),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = IdentityProvider.objects.get(slug="egen-entra")
    assert created.municipality == world.municipality
    assert created.rights.get().municipality == world.municipality


def test_a_professional_may_not_open_the_providers(client, world):
    client.force_login(world.coordinator.user)
    assert client.get("/admin/sso/identityprovider/").status_code == 302


def test_an_inactive_provider_offers_no_login(client, world):
    provider(world.municipality, "slukket", is_active=False)
    assert client.get("/sso/slukket/login/").status_code == 404
    assert "/sso/slukket/" not in client.get("/login/").content.decode()


def test_the_metadata_of_an_openid_provider_is_not_found(client, world):
    provider(world.municipality, "entra")
    assert client.get("/sso/entra/saml/metadata/").status_code == 404


def test_the_login_page_asks_the_same_number_of_queries_with_more_providers(
    client, world, django_assert_num_queries
):
    provider(world.municipality, "en")
    with django_assert_num_queries(1):
        client.get("/login/")
    provider(MunicipalityFactory(), "to")
    provider(MunicipalityFactory(), "tre", audience=Audience.CITIZEN)
    with django_assert_num_queries(1):
        html = client.get("/login/").content.decode()
    assert 'href="/sso/to/login/' in html
    assert 'href="/sso/tre/login/' not in html  # the citizens' login is on their page


def test_a_citizens_provider_must_be_nemlogin_with_saml(client, world, municipal_admin):
    client.force_login(municipal_admin)
    response = client.post(
        "/admin/sso/identityprovider/add/",
        {
            "name": "Borger-OIDC",
            "slug": "borger-oidc",
            "audience": Audience.CITIZEN,
            "protocol": Protocol.OIDC,
            "rights-TOTAL_FORMS": "0",
            "rights-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Borgere logger ind her via NemLog-in med SAML 2.0." in response.content.decode()
    assert not IdentityProvider.objects.exists()
