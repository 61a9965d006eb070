"""A small OpenID Connect provider for the tests, standing in for the MitID broker.

It runs in a thread on a free local port and speaks the parts of OpenID Connect Core and
Discovery that the login uses: discovery, the authorization endpoint (which answers at
once for the person the test chose, as if they had just approved in the MitID app), the
token endpoint with client authentication and PKCE, signed ID tokens (RS256, keys from
joserfc, the JOSE library of the Authlib project), the JWKS and userinfo endpoints.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

from joserfc import jwt
from joserfc.jwk import RSAKey


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    nonce: str
    code_challenge: str
    cpr: str
    sub: str


@dataclass
class Provider:
    client_id: str = "enplan-test"
    client_secret: str = "test-secret"
    cpr_claim: str = "dk.cpr"
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, parameters={"kid": "k1"}))
    next_cpr: str = ""
    # For tests of a broker that misbehaves.
    issuer_override: str = ""
    nonce_override: str = ""
    grants: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)
    server: ThreadingHTTPServer | None = None

    @property
    def issuer(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }

    def authorize(self, query: dict) -> str:
        if query.get("client_id") != self.client_id or query.get("response_type") != "code":
            raise ValueError("bad authorization request")
        code = secrets.token_urlsafe(16)
        self.grants[code] = Grant(
            client_id=query["client_id"],
            redirect_uri=query["redirect_uri"],
            nonce=query.get("nonce", ""),
            code_challenge=query.get("code_challenge", ""),
            cpr=self.next_cpr,
            sub=hashlib.sha256(self.next_cpr.encode()).hexdigest()[:32],
        )
        return query["redirect_uri"] + "?" + urlencode({"code": code, "state": query["state"]})

    def token(self, form: dict) -> dict:
        grant = self.grants.pop(form.get("code", ""), None)
        if grant is None or form.get("grant_type") != "authorization_code":
            raise ValueError("invalid_grant")
        if (form.get("client_id"), form.get("client_secret")) != (
            self.client_id,
            self.client_secret,
        ):
            raise ValueError("invalid_client")
        if form.get("redirect_uri") != grant.redirect_uri:
            raise ValueError("invalid_grant")
        verifier = form.get("code_verifier", "")
        challenge = (
            base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            .rstrip(b"=")
            .decode()
        )
        if challenge != grant.code_challenge:
            raise ValueError("invalid_grant")
        now = int(time.time())
        id_token = jwt.encode(
            {"alg": "RS256", "kid": "k1"},
            {
                "iss": self.issuer_override or self.issuer,
                "aud": self.client_id,
                "sub": grant.sub,
                "nonce": self.nonce_override or grant.nonce,
                "iat": now,
                "exp": now + 300,
            },
            self.key,
        )
        access_token = secrets.token_urlsafe(16)
        self.tokens[access_token] = grant
        return {"access_token": access_token, "token_type": "Bearer", "id_token": id_token}

    def userinfo(self, authorization: str) -> dict:
        grant = self.tokens.get(authorization.removeprefix("Bearer "))
        if grant is None:
            raise ValueError("invalid_token")
        return {"sub": grant.sub, self.cpr_claim: grant.cpr.replace("-", "")}

    def jwks(self) -> dict:
        public = self.key.as_dict(private=False)
        return {"keys": [{**public, "kid": "k1", "alg": "RS256", "use": "sig"}]}

    def start(self) -> "Provider":
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body=None, location=None):
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                data = json.dumps(body).encode() if body is not None else b""
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                try:
                    if url.path == "/.well-known/openid-configuration":
                        self._send(200, provider.discovery())
                    elif url.path == "/authorize":
                        self._send(302, location=provider.authorize(query))
                    elif url.path == "/jwks":
                        self._send(200, provider.jwks())
                    elif url.path == "/userinfo":
                        self._send(200, provider.userinfo(self.headers.get("Authorization", "")))
                    else:
                        self._send(404, {"error": "not_found"})
                except ValueError as error:
                    self._send(400, {"error": str(error)})

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                try:
                    if urlparse(self.path).path == "/token":
                        self._send(200, provider.token(form))
                    else:
                        self._send(404, {"error": "not_found"})
                except ValueError as error:
                    self._send(400, {"error": str(error)})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # A short poll, so that stopping the provider after each test does not wait half a second.
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
