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
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from defusedxml import ElementTree
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from djangosaml2.cache import OutstandingQueriesCache
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, saml, xmldsig
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.metadata import entity_descriptor
from saml2.response import UnsolicitedResponse
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


def config(request: HttpRequest, provider: IdentityProvider) -> SPConfig:
    metadata: dict = {}
    if provider.idp_metadata_xml.strip():
        metadata["inline"] = [provider.idp_metadata_xml]
    elif provider.idp_metadata_url:
        metadata["remote"] = [{"url": provider.idp_metadata_url}]
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
                        "single_logout_service": [
                            (_url(request, "sso:saml_sls", provider), BINDING_HTTP_REDIRECT),
                            (_url(request, "sso:saml_sls", provider), BINDING_HTTP_POST),
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
    return str(entity_descriptor(config(request, provider)))


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


def read_logout_response(request: HttpRequest, provider: IdentityProvider) -> bool:
    """Whether the provider's answer to our logout request says it logged the person out."""
    binding = BINDING_HTTP_POST if request.method == "POST" else BINDING_HTTP_REDIRECT
    data = request.POST if request.method == "POST" else request.GET
    try:
        response = client(request, provider).parse_logout_request_response(
            data["SAMLResponse"], binding
        )
    except Exception as error:
        logger.warning("SAML logout answer refused: %s: %s", type(error).__name__, error)
        return False
    return response is not None and response.status_ok()


def answer_logout_request(request: HttpRequest, provider: IdentityProvider) -> str | None:
    """The provider asks us to end a session (the person logged out of another service):
    the answer to send back, or None if the request does not hold."""
    binding = BINDING_HTTP_POST if request.method == "POST" else BINDING_HTTP_REDIRECT
    data = request.POST if request.method == "POST" else request.GET
    saml_client = client(request, provider)
    try:
        logout_request = saml_client.parse_logout_request(data["SAMLRequest"], binding)
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
