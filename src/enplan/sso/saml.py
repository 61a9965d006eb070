"""SAML 2.0 with pysaml2, as OIOSAML 3 asks of a service provider: signed requests, signed
and encrypted assertions, one use per assertion, single logout.

One pysaml2 configuration is built per identity provider from its row in the
administration; the private key and certificate stay in files on the server (xmlsec1,
which pysaml2 calls, reads them from there). The outstanding requests are kept in the
browser's session through djangosaml2's cache, so a response that answers no request of
this browser (a replay, a response meant for someone else) is refused.
"""

import base64
import binascii
import hashlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import requests
from defusedxml import ElementTree
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from djangosaml2.cache import OutstandingQueriesCache
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, saml, xmldsig
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.metadata import entity_descriptor
from saml2.response import UnsolicitedResponse
from saml2.sigver import verify_redirect_signature
from saml2.validate import ResponseLifetimeExceed, ToEarly

from enplan.sso.models import IdentityProvider

logger = logging.getLogger(__name__)


class SAMLRefused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Answer:
    """What a valid response said: who, with which attributes, in which IdP session."""

    subject: str
    name_id: str  # the NameID as XML, for the logout request
    session_index: str
    assertion_id: str
    expires_at: datetime
    attributes: dict[str, list[str]] = field(default_factory=dict)
    relay_state: str = ""

    def first(self, name: str) -> str:
        values = self.attributes.get(name) or [""]
        return values[0]


def _url(request: HttpRequest, name: str, provider: IdentityProvider) -> str:
    return request.build_absolute_uri(reverse(name, kwargs={"slug": provider.slug}))


def entity_id(request: HttpRequest, provider: IdentityProvider) -> str:
    return provider.sp_entity_id or _url(request, "sso:saml_metadata", provider)


def idp_metadata(provider: IdentityProvider) -> str:
    """The provider's metadata: pasted in the administration, or fetched from its address
    and kept for an hour (not fetched again at every login)."""
    if provider.idp_metadata_xml.strip():
        return provider.idp_metadata_xml
    if not provider.idp_metadata_url:
        raise SAMLRefused("broker")
    key = "enplan-sso-metadata-" + hashlib.sha256(provider.idp_metadata_url.encode()).hexdigest()
    xml = cache.get(key)
    if xml is None:
        try:
            response = requests.get(provider.idp_metadata_url, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
        except requests.RequestException as error:
            logger.error("The metadata of %s could not be fetched: %s", provider.slug, error)
            raise SAMLRefused("broker") from None
        xml = response.text
        cache.set(key, xml, 60 * 60)
    return xml


def config(request: HttpRequest, provider: IdentityProvider, *, with_idp=True) -> SPConfig:
    """The provider's pysaml2 configuration; without the IdP's metadata for Én plan's own
    metadata, which the municipality may need before it has the provider's."""
    try:
        return _config(request, provider, with_idp=with_idp)
    except SAMLRefused:
        raise
    except Exception as error:
        # Unreadable metadata, a missing key file: the operator's to fix, not a 500.
        logger.error(
            "SAML set-up of %s is broken: %s: %s", provider.slug, type(error).__name__, error
        )
        raise SAMLRefused("broker") from None


def _config(request: HttpRequest, provider: IdentityProvider, *, with_idp: bool) -> SPConfig:
    metadata = {"inline": [idp_metadata(provider)]} if with_idp else {}
    keys = {"key_file": provider.sp_key_path, "cert_file": provider.sp_cert_path}
    conf = SPConfig()
    conf.load(
        {
            "entityid": entity_id(request, provider),
            "xmlsec_binary": settings.ENPLAN_XMLSEC_BINARY,
            "metadata": metadata,
            "allow_unknown_attributes": True,
            # Seconds of clock difference tolerated between the provider and Én plan.
            "accepted_time_diff": settings.ENPLAN_SAML_CLOCK_SKEW,
            **keys,
            "encryption_keypairs": [keys],
            "service": {
                "sp": {
                    "name": str(provider.municipality),
                    "endpoints": {
                        "assertion_consumer_service": [
                            (_url(request, "sso:saml_acs", provider), BINDING_HTTP_POST)
                        ],
                        # HTTP-Redirect only: its signature covers the whole message,
                        # and is checked here before a session is ended.
                        "single_logout_service": [
                            (_url(request, "sso:saml_sls", provider), BINDING_HTTP_REDIRECT),
                        ],
                    },
                    "authn_requests_signed": True,
                    "logout_requests_signed": True,
                    "logout_responses_signed": True,
                    "want_assertions_signed": True,
                    "want_response_signed": False,
                    "allow_unsolicited": False,
                    "name_id_format": [saml.NAMEID_FORMAT_PERSISTENT],
                    "signing_algorithm": xmldsig.SIG_RSA_SHA256,
                    "digest_algorithm": xmldsig.DIGEST_SHA256,
                }
            },
        }
    )
    return conf


def client(request: HttpRequest, provider: IdentityProvider) -> Saml2Client:
    return Saml2Client(config(request, provider))


def metadata(request: HttpRequest, provider: IdentityProvider) -> str:
    return str(entity_descriptor(config(request, provider, with_idp=False)))


def idp_entity_id(saml_client: Saml2Client) -> str:
    ids = list(saml_client.metadata.identity_providers())
    if len(ids) != 1:
        raise SAMLRefused("broker")
    return ids[0]


def _outstanding(request: HttpRequest) -> OutstandingQueriesCache:
    return OutstandingQueriesCache(request.saml_session)  # type: ignore[attr-defined]


def login_url(request: HttpRequest, provider: IdentityProvider, *, next_url: str) -> str:
    """Where the browser goes to log in: a signed AuthnRequest by HTTP-Redirect."""
    saml_client = client(request, provider)
    request_id, info = saml_client.prepare_for_authenticate(
        entityid=idp_entity_id(saml_client),
        relay_state=next_url,
        binding=BINDING_HTTP_REDIRECT,
        sigalg=xmldsig.SIG_RSA_SHA256,
        digest_alg=xmldsig.DIGEST_SHA256,
    )
    _outstanding(request).set(request_id, provider.slug)
    return dict(info["headers"])["Location"]


def _is_encrypted(xml: str) -> bool:
    """OIOSAML 3 asks for encrypted assertions: a plain one, even signed, is refused."""
    try:
        root = ElementTree.fromstring(base64.b64decode(xml))
    except (binascii.Error, ElementTree.ParseError, ValueError):
        return False
    names = [child.tag.rsplit("}", 1)[-1] for child in root]
    return "EncryptedAssertion" in names and "Assertion" not in names


def read_response(request: HttpRequest, provider: IdentityProvider) -> Answer:
    xml = request.POST.get("SAMLResponse", "")
    if not xml:
        raise SAMLRefused("failed")
    if not _is_encrypted(xml):
        logger.warning("SAML login refused: the assertion was not encrypted.")
        raise SAMLRefused("failed")
    saml_client = client(request, provider)
    outstanding = _outstanding(request)
    try:
        response = saml_client.parse_authn_request_response(
            xml, BINDING_HTTP_POST, outstanding=outstanding.outstanding_queries()
        )
    except (ResponseLifetimeExceed, ToEarly) as error:
        logger.warning("SAML login refused: the assertion is out of its time (%s).", error)
        raise SAMLRefused("expired") from None
    except UnsolicitedResponse:
        # Answers no login this browser started: used already, or started elsewhere.
        logger.warning("SAML login refused: a response to no outstanding request.")
        raise SAMLRefused("failed") from None
    except Exception as error:
        # pysaml2 raises bare Exceptions too (a wrong audience); a failed check is a
        # failed login, never a server error.
        logger.warning("SAML login refused: %s: %s", type(error).__name__, error)
        raise SAMLRefused("failed") from None
    if response is None or response.assertion is None:
        raise SAMLRefused("failed")
    outstanding.delete(response.in_response_to)
    assertion = response.assertion
    attributes: dict[str, list[str]] = {}
    for statement in assertion.attribute_statement:
        for attribute in statement.attribute:
            attributes[attribute.name] = [
                (value.text or "").strip() for value in attribute.attribute_value
            ]
    name_id = response.name_id
    session_index = ""
    if assertion.authn_statement:
        session_index = assertion.authn_statement[0].session_index or ""
    expires = response.not_on_or_after
    expires_at = (
        datetime.fromtimestamp(expires, tz=UTC) if expires else timezone.now() + timedelta(hours=1)
    )
    return Answer(
        subject=(name_id.text or "").strip() if name_id is not None else "",
        name_id=str(name_id) if name_id is not None else "",
        session_index=session_index,
        assertion_id=assertion.id,
        expires_at=expires_at,
        attributes=attributes,
        relay_state=request.POST.get("RelayState", ""),
    )


def logout_url(
    request: HttpRequest, provider: IdentityProvider, *, name_id: str, session_index: str
) -> str | None:
    """A signed LogoutRequest to the provider's single logout service by HTTP-Redirect, or
    None if the provider offers none (the local session still ends)."""
    saml_client = client(request, provider)
    idp = idp_entity_id(saml_client)
    destinations = saml_client.metadata.single_logout_service(idp, BINDING_HTTP_REDIRECT, "idpsso")
    if not destinations or not name_id:
        return None
    _, logout_request = saml_client.create_logout_request(
        destinations[0]["location"],
        idp,
        name_id=saml.name_id_from_string(name_id),
        session_indexes=[session_index] if session_index else None,
        sign=False,
    )
    info = saml_client.apply_binding(
        BINDING_HTTP_REDIRECT,
        str(logout_request),
        destinations[0]["location"],
        sign=True,
        sigalg=xmldsig.SIG_RSA_SHA256,
    )
    return dict(info["headers"])["Location"]


def _signed_by_provider(saml_client: Saml2Client, query: dict) -> bool:
    """The HTTP-Redirect signature of a logout message, against the provider's signing
    certificates in its metadata (pysaml2 does not check it by itself)."""
    if not (query.get("Signature") and query.get("SigAlg")):
        return False
    certs = saml_client.metadata.certs(idp_entity_id(saml_client), "idpsso", "signing")
    return any(
        verify_redirect_signature(query, saml_client.sec.sec_backend, cert=cert)
        for _, cert in certs
    )


def _query(request: HttpRequest) -> dict:
    return {key: request.GET[key] for key in request.GET}


def read_logout_response(request: HttpRequest, provider: IdentityProvider) -> bool:
    """Whether the provider's answer to our logout request says it logged the person out."""
    saml_client = client(request, provider)
    try:
        if not _signed_by_provider(saml_client, _query(request)):
            logger.warning("SAML logout answer refused: not signed by the provider.")
            return False
        response = saml_client.parse_logout_request_response(
            request.GET["SAMLResponse"], BINDING_HTTP_REDIRECT
        )
    except Exception as error:
        logger.warning("SAML logout answer refused: %s: %s", type(error).__name__, error)
        return False
    return response is not None and response.status_ok()


def answer_logout_request(request: HttpRequest, provider: IdentityProvider) -> str | None:
    """The provider asks us to end a session (the person logged out of another service):
    the answer to send back, or None if the request does not hold."""
    data = request.GET
    saml_client = client(request, provider)
    try:
        if not _signed_by_provider(saml_client, _query(request)):
            logger.warning("SAML logout request refused: not signed by the provider.")
            return None
        logout_request = saml_client.parse_logout_request(
            data["SAMLRequest"], BINDING_HTTP_REDIRECT
        )
        response = saml_client.create_logout_response(
            logout_request.message, [BINDING_HTTP_REDIRECT], sign=False
        )
        destination = saml_client.metadata.single_logout_service(
            idp_entity_id(saml_client), BINDING_HTTP_REDIRECT, "idpsso"
        )[0]
        info = saml_client.apply_binding(
            BINDING_HTTP_REDIRECT,
            str(response),
            destination.get("response_location") or destination["location"],
            relay_state=data.get("RelayState", ""),
            response=True,
            sign=True,
            sigalg=xmldsig.SIG_RSA_SHA256,
        )
    except Exception as error:
        logger.warning("SAML logout request refused: %s: %s", type(error).__name__, error)
        return None
    return dict(info["headers"])["Location"]
