"""A professional logs in through KOMBIT's adgangsstyring (SAML 2.0, OIOSAML 3): a real
pysaml2 identity provider answers Én plan's signed request with a signed, encrypted
assertion; the rights in it decide the role and the department."""

import pytest

from enplan.core import auditchain
from enplan.core.models import AuditEvent, Role
from enplan.sso.models import ExternalIdentity
from enplan.sso.tests.conftest import CASEWORKER, HEALTH, JOBCENTRE, LEADER
from enplan.sso.tests.saml_idp import logout_from_idp, privileges

pytestmark = pytest.mark.django_db

PRIVILEGES = "dk:gov:saml:attribute:Privileges_intermediate"
NAME = "https://data.gov.dk/model/core/eid/fullName"
EMAIL = "https://data.gov.dk/model/core/eid/email"


def log_in(
    client,
    idp,
    *,
    subject="CN=Lise Hansen,Serial=1234",
    groups=((JOBCENTRE, [CASEWORKER]),),
    **kwargs,
):
    start = client.get("/sso/test-kombit/login/?next=/plans/")
    assert start.status_code == 302
    assert start["Location"].startswith("https://idp.test/sso?")
    request, relay = idp.read_request(start["Location"])
    attributes = {NAME: ["Lise Hansen"], EMAIL: ["lise@kommune.dk"]}
    if groups:
        attributes[PRIVILEGES] = [privileges(*groups)]
    xml = idp.respond(request, subject=subject, attributes=attributes, **kwargs)
    return client.post("/sso/test-kombit/saml/acs/", {"SAMLResponse": xml, "RelayState": relay})


def test_a_caseworker_is_created_at_first_login_in_the_department_of_the_data_limit(
    client, kombit, world
):
    response = log_in(client, kombit)
    assert response.status_code == 302
    assert response["Location"] == "/plans/"
    identity = ExternalIdentity.objects.select_related("user__professional").get()
    user = identity.user
    assert user.role == Role.PROFESSIONAL
    assert user.municipality == world.municipality
    assert user.get_full_name() == "Lise Hansen"
    assert not user.has_usable_password()
    assert user.professional.department == world.department
    assert "Lise" not in user.username  # no name in the username that logs show
    assert int(client.session["_auth_user_id"]) == user.pk
    event = AuditEvent.objects.get(object_type="session.login")
    assert event.user == user
    assert event.object_id == "saml:test-kombit"


def test_the_next_login_updates_the_role_and_department(client, kombit, world):
    log_in(client, kombit)
    client.logout()
    log_in(client, kombit, groups=((HEALTH, [CASEWORKER]), ("", [LEADER])))
    user = ExternalIdentity.objects.get().user
    user.refresh_from_db()
    assert user.role == Role.LEADER
    assert user.professional.department == world.other_department


REFUSED = "Det virkede ikke at logge ind"


def assert_refused(response, message, status=400):
    assert response.status_code == status
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert '<main id="main"' in html  # the product's layout with its way back
    assert 'href="/login/"' in html


def test_an_answer_meant_for_another_service_is_refused(client, kombit):
    ours = "http://testserver/sso/test-kombit/saml/metadata/"
    kombit.other_sps = [kombit.sp_metadata.replace(ours, "https://other.example/")]
    response = log_in(client, kombit, audience="https://other.example/")
    assert_refused(response, REFUSED)
    assert "_auth_user_id" not in client.session
    assert not ExternalIdentity.objects.exists()


def test_an_expired_assertion_asks_to_log_in_again(client, kombit):
    kombit.clock_behind = 20  # issued 20 minutes ago, valid for 15
    response = log_in(client, kombit)
    assert_refused(response, "tog for lang tid")
    assert "_auth_user_id" not in client.session


def test_the_same_response_posted_twice_does_not_log_in_again(client, kombit):
    start = client.get("/sso/test-kombit/login/")
    request, _ = kombit.read_request(start["Location"])
    xml = kombit.respond(
        request,
        subject="CN=Lise Hansen",
        attributes={PRIVILEGES: [privileges((JOBCENTRE, [CASEWORKER]))]},
    )
    assert client.post("/sso/test-kombit/saml/acs/", {"SAMLResponse": xml}).status_code == 302
    client.logout()
    # The back button, or someone who copied the form: the assertion was used up.
    again = client.post("/sso/test-kombit/saml/acs/", {"SAMLResponse": xml})
    assert_refused(again, REFUSED)
    assert "_auth_user_id" not in client.session


def test_a_replayed_assertion_is_refused_even_with_a_login_in_flight(client, kombit):
    """Another browser's replay of a used assertion, while this one waits for its own."""
    start = client.get("/sso/test-kombit/login/")
    request, _ = kombit.read_request(start["Location"])
    xml = kombit.respond(
        request,
        subject="CN=Lise Hansen",
        attributes={PRIVILEGES: [privileges((JOBCENTRE, [CASEWORKER]))]},
    )
    assert client.post("/sso/test-kombit/saml/acs/", {"SAMLResponse": xml}).status_code == 302
    client.logout()
    client.get("/sso/test-kombit/login/")
    assert_refused(client.post("/sso/test-kombit/saml/acs/", {"SAMLResponse": xml}), REFUSED)


def test_an_assertion_signed_by_another_key_is_refused(client, kombit, keys):
    kombit.key_file, kombit.cert_file = keys["impostor"]
    response = log_in(client, kombit)
    assert_refused(response, REFUSED)
    assert not ExternalIdentity.objects.exists()


def test_an_unencrypted_assertion_is_refused(client, kombit):
    response = log_in(client, kombit, encrypt=False)
    assert_refused(response, REFUSED)


def test_someone_without_a_mapped_right_is_refused_and_not_created(client, kombit):
    response = log_in(client, kombit, groups=(("urn:other", ["http://other/role"]),))
    assert_refused(response, "giver dig ikke adgang til Én plan", status=403)
    assert not ExternalIdentity.objects.exists()
    assert AuditEvent.objects.filter(object_type="session.refused").count() == 1


def test_a_user_whose_rights_were_taken_away_is_deactivated(client, kombit):
    log_in(client, kombit)
    user = ExternalIdentity.objects.get().user
    # Still logged in in one browser while the rights are taken away at KOMBIT.
    other = client.__class__()
    response = log_in(other, kombit, groups=())
    assert_refused(response, "giver dig ikke adgang til Én plan", status=403)
    user.refresh_from_db()
    assert not user.is_active
    assert not user.professional.is_active
    # The open session ends too.
    assert client.get("/plans/")["Location"].startswith("/login/")


def test_a_page_of_the_product_needs_the_login(client, kombit):
    assert client.get("/plans/").status_code == 302


def test_a_broken_response_is_answered_with_a_page(client, kombit):
    client.get("/sso/test-kombit/login/")
    assert_refused(
        client.post("/sso/test-kombit/saml/acs/", {"SAMLResponse": "bm90IHhtbA=="}), REFUSED
    )
    assert_refused(client.post("/sso/test-kombit/saml/acs/", {}), REFUSED)


def test_an_unknown_provider_is_not_found(client, kombit):
    assert client.get("/sso/nobody/login/").status_code == 404
    assert client.post("/sso/nobody/saml/acs/").status_code == 404


def test_the_metadata_asks_for_signed_assertions_and_offers_an_encryption_key(client, kombit):
    xml = client.get("/sso/test-kombit/saml/metadata/").content.decode()
    assert 'WantAssertionsSigned="true"' in xml
    assert 'AuthnRequestsSigned="true"' in xml
    assert 'use="encryption"' in xml
    assert "SingleLogoutService" in xml
    assert "/sso/test-kombit/saml/acs/" in xml


def test_logging_out_ends_the_session_at_kombit_too(client, kombit):
    log_in(client, kombit, subject="CN=Lise Hansen,Serial=1234")
    response = client.post("/logout/")
    assert response.status_code == 302
    assert response["Location"].startswith("https://idp.test/slo?")
    assert "_auth_user_id" not in client.session
    logout_request, query = kombit.read_logout(response["Location"])
    assert "Signature" in query
    assert kombit.logouts == ["CN=Lise Hansen,Serial=1234"]
    back = client.get(kombit.logout_answer(logout_request))
    assert back.status_code == 302
    assert back["Location"] == "/login/"
    assert AuditEvent.objects.filter(object_type="session.logout").count() == 1


def test_the_login_page_offers_the_organisations_login(client, kombit):
    html = client.get("/login/").content.decode()
    assert "Log ind med organisationens login" in html
    assert 'href="/sso/test-kombit/login/' in html


def test_logging_out_at_kombit_ends_the_session_here(client, kombit):
    log_in(client, kombit, subject="CN=Lise Hansen,Serial=1234")
    response = client.get(
        logout_from_idp(
            kombit,
            sp_entity_id="http://testserver/sso/test-kombit/saml/metadata/",
            subject="CN=Lise Hansen,Serial=1234",
        )
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response["Location"].startswith("https://idp.test/slo?SAMLResponse=")


def test_a_logout_request_signed_by_another_key_does_not_end_the_session(client, kombit, keys):
    log_in(client, kombit, subject="CN=Lise Hansen,Serial=1234")
    kombit.key_file, kombit.cert_file = keys["impostor"]
    response = client.get(
        logout_from_idp(
            kombit,
            sp_entity_id="http://testserver/sso/test-kombit/saml/metadata/",
            subject="CN=Lise Hansen,Serial=1234",
        )
    )
    assert "_auth_user_id" in client.session
    assert response.status_code == 400


def test_a_relay_state_to_another_site_lands_on_the_front_page(client, kombit):
    start = client.get("/sso/test-kombit/login/")
    request, _ = kombit.read_request(start["Location"])
    xml = kombit.respond(
        request,
        subject="CN=Lise Hansen",
        attributes={PRIVILEGES: [privileges((JOBCENTRE, [CASEWORKER]))]},
    )
    response = client.post(
        "/sso/test-kombit/saml/acs/",
        {"SAMLResponse": xml, "RelayState": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_a_broken_set_up_is_answered_with_a_page(client, kombit_provider):
    kombit_provider.idp_metadata_xml = "<not metadata"
    kombit_provider.save()
    response = client.get("/sso/test-kombit/login/")
    assert_refused(response, "svarer ikke lige nu", status=400)
    assert client.post("/sso/test-kombit/saml/acs/", {"SAMLResponse": "eA=="}).status_code == 400
    kombit_provider.sp_cert_path = "/nonexistent.crt"
    kombit_provider.save()
    assert client.get("/sso/test-kombit/saml/metadata/").status_code == 503


def test_our_metadata_is_there_before_the_providers_metadata_is_pasted(client, kombit_provider):
    response = client.get("/sso/test-kombit/saml/metadata/")
    assert response.status_code == 200
    assert "EntityDescriptor" in response.content.decode()


def test_the_providers_metadata_is_fetched_from_its_address_once(client, kombit_provider, keys):
    """KOMBIT publishes its metadata at an address; it is read over HTTP and kept."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from django.core.cache import cache

    from enplan.sso.tests.saml_idp import IdP

    idp = IdP(*keys["idp"])
    served = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            served.append(self.path)
            body = idp.metadata().encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    ).start()
    try:
        cache.clear()
        kombit_provider.idp_metadata_url = f"http://127.0.0.1:{server.server_address[1]}/md.xml"
        kombit_provider.save()
        idp.sp_metadata = client.get("/sso/test-kombit/saml/metadata/").content.decode()
        response = log_in(client, idp)
        assert response["Location"] == "/plans/"
        assert served == ["/md.xml"]
    finally:
        server.shutdown()
        server.server_close()


def test_a_right_given_back_opens_the_account_again(client, kombit):
    log_in(client, kombit)
    client.logout()
    log_in(client, kombit, groups=())
    assert log_in(client, kombit)["Location"] == "/plans/"
    assert ExternalIdentity.objects.get().user.is_active


def test_a_user_the_administrator_deactivated_stays_out(client, kombit):
    log_in(client, kombit)
    client.logout()
    user = ExternalIdentity.objects.get().user
    user.is_active = False
    user.save()
    assert_refused(log_in(client, kombit), "giver dig ikke adgang til Én plan", status=403)
    user.refresh_from_db()
    assert not user.is_active


def test_logins_refusals_and_logouts_are_links_of_the_tamper_evident_trail(client, kombit, world):
    log_in(client, kombit)
    log_in(client.__class__(), kombit, groups=(("urn:other", ["http://other/role"]),))
    client.post("/logout/")
    events = AuditEvent.objects.filter(object_type__startswith="session.").order_by("seq")
    assert [e.object_type for e in events] == ["session.login", "session.refused", "session.logout"]
    assert all(e.seq is not None for e in events)
    verdict = auditchain.verify(world.municipality.pk)
    assert verdict.ok, verdict.problem
