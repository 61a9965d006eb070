"""A SAML 2.0 identity provider for the tests, standing in for KOMBIT's adgangsstyring and
for NemLog-in: pysaml2's own IdP (`saml2.server.Server`), with keys and certificates made
for the test run by `cryptography`.

It reads Én plan's SP metadata from Én plan's metadata endpoint (as the municipality
uploads it to KOMBIT or NemLog-in), checks the signature of the AuthnRequest that Én plan
sends by HTTP-Redirect, and answers with a signed assertion encrypted for Én plan's
certificate, posted to the ACS as a browser would post it. The tests can make it answer
for another audience, too late, unencrypted or with a broken signature.
"""

import base64
import datetime
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from unittest.mock import patch
from urllib.parse import parse_qs, urlparse

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, saml, time_util
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NameID
from saml2.server import Server
from saml2.sigver import verify_redirect_signature

IDP_ENTITY_ID = "https://idp.test/"
IDP_SSO = "https://idp.test/sso"
IDP_SLO = "https://idp.test/slo"
XMLSEC = "/usr/bin/xmlsec1"


@contextmanager
def idp_clock(*, minutes_behind: int):
    """The IdP's clock, set back while it writes a response (pysaml2 reads the time through
    `saml2.time_util`); Én plan's clock is not touched."""
    if not minutes_behind:
        yield
        return
    offset = minutes_behind * 60

    class Clock:
        @staticmethod
        def gmtime(seconds=None):
            return time.gmtime((time.time() if seconds is None else seconds) - offset)

        def __getattr__(self, name):
            return getattr(time, name)

    class Past(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.datetime.now(tz) - datetime.timedelta(seconds=offset)

    with patch.object(time_util, "time", Clock()), patch.object(time_util, "datetime", Past):
        yield


def make_key_pair(directory: Path, name: str) -> tuple[str, str]:
    """A private key and a self-signed certificate in PEM files, as FOCES/OCES would be."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = directory / f"{name}.key", directory / f"{name}.crt"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(key_path), str(cert_path)


@dataclass
class IdP:
    key_file: str
    cert_file: str
    sp_metadata: str = ""
    # Minutes the assertion is valid for, and minutes the IdP's clock is behind (an
    # assertion issued 20 minutes ago has expired on arrival).
    lifetime: int = 15
    clock_behind: int = 0
    logouts: list = field(default_factory=list)
    # Metadata of other services this IdP also serves.
    other_sps: list = field(default_factory=list)

    def config(self) -> IdPConfig:
        conf = IdPConfig()
        conf.load(
            {
                "entityid": IDP_ENTITY_ID,
                "xmlsec_binary": XMLSEC,
                "key_file": self.key_file,
                "cert_file": self.cert_file,
                "metadata": {"inline": [self.sp_metadata, *self.other_sps]}
                if self.sp_metadata
                else {},
                "allow_unknown_attributes": True,
                "service": {
                    "idp": {
                        "endpoints": {
                            "single_sign_on_service": [(IDP_SSO, BINDING_HTTP_REDIRECT)],
                            "single_logout_service": [(IDP_SLO, BINDING_HTTP_REDIRECT)],
                        },
                        "name_id_format": [saml.NAMEID_FORMAT_PERSISTENT],
                        "sign_response": False,
                        "sign_assertion": True,
                        "policy": {
                            "default": {
                                "lifetime": {"minutes": self.lifetime},
                                "attribute_restrictions": None,
                                "name_form": saml.NAME_FORMAT_URI,
                            }
                        },
                    }
                },
            }
        )
        return conf

    def metadata(self) -> str:
        return str(entity_descriptor(self.config()))

    def server(self) -> Server:
        return Server(config=self.config())

    def read_request(self, location: str) -> tuple[object, str]:
        """The AuthnRequest in Én plan's redirect (its signature checked), and the RelayState."""
        query = {k: v[0] for k, v in parse_qs(urlparse(location).query).items()}
        server = self.server()
        request = server.parse_authn_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
        sp = request.message.issuer.text
        assert verify_redirect_signature(query, server.sec.sec_backend, cert=None, sigkey=None) or (
            verify_redirect_signature(
                query,
                server.sec.sec_backend,
                cert=server.metadata.certs(sp, "spsso", "signing")[0][1],
            )
        ), "the AuthnRequest's signature does not hold"
        return request.message, query.get("RelayState", "")

    def respond(
        self,
        request,
        *,
        subject: str,
        attributes: dict,
        audience: str = "",
        encrypt: bool = True,
        encrypt_cert: str | None = None,
        session_index: str = "idp-session-1",
    ) -> str:
        """The base64 SAMLResponse a browser posts to the ACS."""
        server = self.server()
        with idp_clock(minutes_behind=self.clock_behind):
            response = server.create_authn_response(
                identity=attributes,
                in_response_to=request.id,
                destination=request.assertion_consumer_service_url,
                sp_entity_id=audience or request.issuer.text,
                name_id=NameID(format=saml.NAMEID_FORMAT_PERSISTENT, text=subject),
                authn={
                    "class_ref": "https://data.gov.dk/concept/core/nsis/loa/Substantial",
                    "authn_auth": IDP_ENTITY_ID,
                },
                session_index=session_index,
                sign_assertion=True,
                sign_response=False,
                encrypt_assertion=encrypt,
                encrypt_cert_assertion=encrypt_cert,
            )
        return base64.b64encode(str(response).encode()).decode()

    def read_logout(self, location: str):
        query = {k: v[0] for k, v in parse_qs(urlparse(location).query).items()}
        server = self.server()
        request = server.parse_logout_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
        self.logouts.append(request.message.name_id.text)
        return request.message, query

    def logout_answer(self, logout_request) -> str:
        """The LogoutResponse's redirect back to Én plan's single logout service."""
        server = self.server()
        response = server.create_logout_response(logout_request, [BINDING_HTTP_REDIRECT])
        sp = logout_request.issuer.text
        destination = server.metadata.single_logout_service(sp, BINDING_HTTP_REDIRECT, "spsso")[0]
        info = server.apply_binding(
            BINDING_HTTP_REDIRECT,
            str(response),
            destination["location"],
            response=True,
            sign=True,
            sigalg="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        )
        location = dict(info["headers"])["Location"]
        return f"{urlparse(location).path}?{urlparse(location).query}"


def logout_from_idp(idp: "IdP", *, sp_entity_id: str, subject: str) -> str:
    """The IdP's own signed LogoutRequest to Én plan (the person logged out elsewhere)."""
    server = idp.server()
    destination = server.metadata.single_logout_service(
        sp_entity_id, BINDING_HTTP_REDIRECT, "spsso"
    )[0]
    _, request = server.create_logout_request(
        destination["location"],
        sp_entity_id,
        name_id=NameID(format=saml.NAMEID_FORMAT_PERSISTENT, text=subject),
        session_indexes=["idp-session-1"],
        sign=False,
    )
    info = server.apply_binding(
        BINDING_HTTP_REDIRECT,
        str(request),
        destination["location"],
        sign=True,
        sigalg="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    )
    location = urlparse(dict(info["headers"])["Location"])
    return f"{location.path}?{location.query}"


def privileges(*groups: tuple[str, list[str]]) -> str:
    """KOMBIT's Privileges_intermediate: base64 of a PrivilegeList, one group per data limit."""
    body = "".join(
        f'<PrivilegeGroup Scope="{scope}">'
        + "".join(f"<Privilege>{p}</Privilege>" for p in rights)
        + "</PrivilegeGroup>"
        for scope, rights in groups
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<bpp:PrivilegeList xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile">'
        f"{body}</bpp:PrivilegeList>"
    )
    return base64.b64encode(xml.encode()).decode()


__all__ = ["BINDING_HTTP_POST", "IdP", "make_key_pair", "privileges"]
