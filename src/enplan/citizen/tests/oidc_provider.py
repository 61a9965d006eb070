"""A small OpenID Connect provider for the tests, standing in for the MitID broker.

It runs in a thread on a free local port and speaks the parts of OpenID Connect Core and
Discovery that the login uses: discovery, the authorization endpoint (which answers at
once for the person the test chose, as if they had just approved in the MitID app), the
token endpoint with client authentication and PKCE, signed ID tokens (RS256, keys from
joserfc, the JOSE library of the Authlib project), the JWKS and userinfo endpoints, and
RP-initiated logout (`end_session_endpoint`).

Like a real broker it remembers a browser that has logged in (a session cookie of its
own): a browser that comes back to the authorization endpoint with that cookie is let
through without being asked again, until the relying party logs it out at the
`end_session_endpoint`. `prompts` lists each time the provider asked a person to log in.
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

import requests
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey

COOKIE = "op_session"


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
    # Where the relying party may be sent back after logging out (registered at the broker).
    post_logout_redirect_uris: list = field(default_factory=list)
    # Claims added to every ID token, e.g. the NSIS level {"loa": "…/Substantial"}.
    extra_claims: dict = field(default_factory=dict)
    # Seconds from now to the ID token's expiry, and since it was issued.
    token_lifetime: int = 300
    issued_ago: int = 0
    # For tests of a broker that misbehaves, or of an answer that was tampered with.
    issuer_override: str = ""
    nonce_override: str = ""
    audience_override: str = ""
    signing_key_override: RSAKey | None = None
    # An error to answer the next authorization request with (e.g. "access_denied").
    error_next: str = ""
    grants: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)
    # Browser sessions at the provider: cookie value -> the person logged in.
    sessions: dict = field(default_factory=dict)
    prompts: list = field(default_factory=list)
    logouts: list = field(default_factory=list)
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
            "end_session_endpoint": f"{self.issuer}/end_session",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }

    def authorize(self, query: dict, cookie: str = "") -> tuple[str, str]:
        """The redirect back to the client, and the browser's session cookie."""
        if query.get("client_id") != self.client_id or query.get("response_type") != "code":
            raise ValueError("bad authorization request")
        if self.error_next:
            error, self.error_next = self.error_next, ""
            return query["redirect_uri"] + "?" + urlencode(
                {"error": error, "state": query["state"]}
            ), cookie
        cpr = self.sessions.get(cookie)
        if cpr is None:
            # No session here: the person logs in (in the tests, at once, as the person
            # the test chose, as if they had approved in the MitID app).
            self.prompts.append(self.next_cpr)
            cpr = self.next_cpr
            cookie = secrets.token_urlsafe(16)
            self.sessions[cookie] = cpr
        code = secrets.token_urlsafe(16)
        self.grants[code] = Grant(
            client_id=query["client_id"],
            redirect_uri=query["redirect_uri"],
            nonce=query.get("nonce", ""),
            code_challenge=query.get("code_challenge", ""),
            cpr=cpr,
            sub=self.sub_of(cpr),
        )
        return query["redirect_uri"] + "?" + urlencode(
            {"code": code, "state": query["state"]}
        ), cookie

    @staticmethod
    def sub_of(cpr: str) -> str:
        return hashlib.sha256(cpr.encode()).hexdigest()[:32]

    def end_session(self, query: dict, cookie: str) -> str:
        """OpenID Connect RP-Initiated Logout 1.0: the hint must be an ID token this
        provider issued to this client, and the way back must be registered."""
        try:
            token = jwt.decode(query.get("id_token_hint", ""), self.key)
        except (JoseError, ValueError) as error:
            raise ValueError("invalid id_token_hint") from error
        if token.claims.get("iss") != self.issuer or token.claims.get("aud") != self.client_id:
            raise ValueError("invalid id_token_hint")
        back = query.get("post_logout_redirect_uri", "")
        if back not in self.post_logout_redirect_uris:
            raise ValueError("unregistered post_logout_redirect_uri")
        cpr = self.sessions.get(cookie)
        if cpr is not None and self.sub_of(cpr) == token.claims["sub"]:
            del self.sessions[cookie]
        self.logouts.append(token.claims["sub"])
        return back

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
                "aud": self.audience_override or self.client_id,
                "sub": grant.sub,
                "nonce": self.nonce_override or grant.nonce,
                "iat": now - self.issued_ago,
                "exp": now + self.token_lifetime,
                **self.extra_claims,
            },
            self.signing_key_override or self.key,
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

            def _cookie(self) -> str:
                for part in self.headers.get("Cookie", "").split(";"):
                    name, _, value = part.strip().partition("=")
                    if name == COOKIE:
                        return value
                return ""

            def _send(self, status, body=None, location=None, cookie=None):
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                if cookie is not None:
                    self.send_header("Set-Cookie", f"{COOKIE}={cookie}; Path=/; HttpOnly")
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
                        location, cookie = provider.authorize(query, self._cookie())
                        self._send(302, location=location, cookie=cookie)
                    elif url.path == "/end_session":
                        location = provider.end_session(query, self._cookie())
                        self._send(302, location=location, cookie="")
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


def to_broker_and_back(client, broker, cpr, browser=requests):
    """The browser's round trip: from Én plan to the broker, and the broker's redirect back
    (not yet followed). `browser` keeps the broker's cookies if it is a requests.Session."""
    broker.next_cpr = cpr
    start = client.get("/borger/mitid/?next=/borger/")
    assert start.status_code == 302
    assert start["Location"].startswith(broker.issuer + "/authorize?")
    query = parse_qs(urlparse(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["scope"] == ["openid mitid ssn"]
    answer = browser.get(start["Location"], allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    callback = urlparse(answer.headers["Location"])
    return f"{callback.path}?{callback.query}"


def log_in_with_mitid(client, broker, cpr, browser=requests):
    """The whole round trip: Én plan's answer to the broker's redirect back."""
    return client.get(to_broker_and_back(client, broker, cpr, browser))
