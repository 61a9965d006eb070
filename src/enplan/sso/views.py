"""The login and logout pages of single sign-on, for staff and for citizens.

Whatever goes wrong between the browser, the identity provider and Én plan, the person
gets a plain Danish page: staff a page of its own with the way back to the login, citizens
the citizen's login page with its message (as with the MitID broker, `citizen.views`).
"""

import logging
from urllib.parse import parse_qs, urlparse

import jwt
import requests
from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from enplan.citizen import assurance, mitid
from enplan.citizen.services import CitizenLoginRefused, citizen_user_for_login
from enplan.core.models import User
from enplan.sso import access, oidc, rights, saml, services
from enplan.sso.models import CPR_NUMBER, NSIS_LEVEL, Audience, IdentityProvider, Protocol

logger = logging.getLogger(__name__)
BACKEND = "enplan.sso.backends.SSOBackend"
# How this session logged in, for logging out at the same provider.
SESSION_SSO = "enplan_sso"

REFUSALS = {
    "no_rights": lambda: _(
        "Your organisation's login does not give you access to Én plan. If you need it, ask "
        "the person who hands out rights in your municipality (KOMBIT's adgangsstyring or "
        "your IT department)."
    ),
    "expired": lambda: _("The login took too long. Please log in again."),
    "broker": lambda: _(
        "Your organisation's login does not answer right now. Please try again later."
    ),
    "cancelled": lambda: _("You stopped the login. You can try again when you like."),
    "failed": lambda: _("The login did not work. Please try again."),
}


def _safe_next(request: HttpRequest, url: str, default: str) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


def _refuse(
    request: HttpRequest, provider: IdentityProvider, reason: str, user: User | None = None
) -> HttpResponse:
    services.sign_in_record(provider=provider, user=user, event="refused", path=request.path)
    if provider.audience == Audience.CITIZEN:
        # The citizen's login page says what went wrong, as for the MitID broker.
        mitid.refuse(request, reason)
        return redirect(reverse("citizen:login") + "?fejl=1")
    message = REFUSALS.get(reason, REFUSALS["failed"])()
    status = 403 if reason == "no_rights" else 400
    return render(
        request, "sso/refused.html", {"message": message, "provider": provider}, status=status
    )


def _logged_in(
    request: HttpRequest, provider: IdentityProvider, user: User, *, next_url: str, **saved
) -> HttpResponse:
    auth_login(request, user, backend=BACKEND)
    request.session[SESSION_SSO] = {"provider": provider.slug, **saved}
    services.sign_in_record(provider=provider, user=user, event="login", path=request.path)
    if provider.audience == Audience.CITIZEN:
        # The citizen's logout button goes on to the single logout here.
        request.session[mitid.SESSION_LOGOUT_VIA] = reverse("sso:logout")
        return redirect(_safe_next(request, next_url, reverse("citizen:home")))
    return redirect(_safe_next(request, next_url, reverse(settings.LOGIN_REDIRECT_URL)))


@login_not_required
@require_GET
def login(request: HttpRequest, slug: str) -> HttpResponse:
    provider = access.provider_or_404(slug)
    if provider.audience == Audience.CITIZEN and provider.protocol != Protocol.SAML:
        raise Http404
    default = reverse("citizen:home" if provider.audience == Audience.CITIZEN else "home")
    next_url = _safe_next(request, request.GET.get("next", ""), default)
    try:
        if provider.protocol == Protocol.SAML:
            return redirect(saml.login_url(request, provider, next_url=next_url))
        view = oidc.StaffOIDCLoginView(provider=provider)
        response = view.get(request)
    except saml.SAMLRefused as refusal:
        return _refuse(request, provider, refusal.reason)
    except (requests.RequestException, ImproperlyConfigured, KeyError, ValueError) as error:
        logger.error("The identity provider %s did not answer: %s", provider.slug, error)
        return _refuse(request, provider, "broker")
    state = parse_qs(urlparse(response["Location"]).query).get("state", [""])[0]
    if state:
        states = request.session.get(oidc.SESSION_STATES, {})
        states[state] = provider.slug
        request.session[oidc.SESSION_STATES] = states
    return response


@login_not_required
@require_GET
def saml_metadata(request: HttpRequest, slug: str) -> HttpResponse:
    """Én plan's SP metadata for this provider: what the municipality uploads to KOMBIT's
    administration module or to NemLog-in's IT system provider portal."""
    provider = access.provider_or_404(slug, protocol=Protocol.SAML)
    try:
        xml = saml.metadata(request, provider)
    except saml.SAMLRefused:
        message = _("Én plan's key or certificate for this login cannot be read on the server.")
        return render(request, "sso/refused.html", {"message": message}, status=503)
    return HttpResponse(xml, content_type="application/samlmetadata+xml")


@csrf_exempt  # the identity provider posts the response from its own site (SAML HTTP-POST)
@login_not_required
@require_POST
def saml_acs(request: HttpRequest, slug: str) -> HttpResponse:
    provider = access.provider_or_404(slug, protocol=Protocol.SAML)
    try:
        answer = saml.read_response(request, provider)
    except saml.SAMLRefused as refusal:
        return _refuse(request, provider, refusal.reason)
    if not services.assertion_use(assertion_id=answer.assertion_id, expires_at=answer.expires_at):
        logger.warning("SAML login refused: the assertion was used before.")
        return _refuse(request, provider, "failed")
    saved = {"name_id": answer.name_id, "session_index": answer.session_index}
    if provider.audience == Audience.CITIZEN:
        if not assurance.is_enough(answer.first(NSIS_LEVEL)):
            return _refuse(request, provider, "level")
        try:
            user = citizen_user_for_login(cpr_number=answer.first(CPR_NUMBER))
        except CitizenLoginRefused as refusal:
            return _refuse(request, provider, refusal.reason)
        return _logged_in(request, provider, user, next_url=answer.relay_state, **saved)
    try:
        held = []
        for value in answer.attributes.get(provider.privileges_attribute, []):
            held.extend(rights.privileges_from_kombit(value))
    except rights.UnreadableRights as error:
        logger.warning("SAML login refused: %s", error)
        return _refuse(request, provider, "failed")
    try:
        user = services.staff_user_for_login(
            provider=provider,
            subject=answer.subject,
            name=answer.first(provider.name_attribute),
            email=answer.first(provider.email_attribute),
            held=held,
        )
    except services.LoginRefused as refusal:
        return _refuse(request, provider, refusal.reason, user=refusal.user)
    return _logged_in(request, provider, user, next_url=answer.relay_state, **saved)


@login_not_required
@require_GET
def saml_sls(request: HttpRequest, slug: str) -> HttpResponse:
    """The provider's answer to our logout request, or its own logout request (HTTP-Redirect)."""
    provider = access.provider_or_404(slug, protocol=Protocol.SAML)
    data = request.GET
    done = reverse(
        "citizen:logged_out"
        if provider.audience == Audience.CITIZEN
        else settings.LOGOUT_REDIRECT_URL
    )
    if "SAMLRequest" in data:
        # The person logged out at the provider or at another service: end the session here.
        answer = saml.answer_logout_request(request, provider)
        if answer is None:
            return render(
                request, "sso/refused.html", {"message": REFUSALS["failed"]()}, status=400
            )
        if request.user.is_authenticated:
            _audit_logout(request, provider)
        auth_logout(request)
        return redirect(answer)
    if "SAMLResponse" in data and not saml.read_logout_response(request, provider):
        # The local session ended already; the provider's session may live on.
        return render(
            request,
            "sso/refused.html",
            {
                "message": _(
                    "You are logged out of Én plan, but your organisation's login did not "
                    "confirm that you are logged out there too. Close the browser to be sure."
                ),
                "provider": provider,
            },
            status=200,
        )
    return redirect(done)


def _audit_logout(request: HttpRequest, provider: IdentityProvider) -> None:
    user = request.user if isinstance(request.user, User) else None
    services.sign_in_record(provider=provider, user=user, event="logout", path=request.path)


@login_not_required
@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Ends the session here and then at the identity provider it came from (SAML single
    logout, or OpenID Connect RP-initiated logout), so the next person at a shared
    computer is asked to log in instead of being let in as the last one."""
    saved = request.session.get(SESSION_SSO) or {}
    provider = (
        IdentityProvider.objects.filter(slug=saved.get("provider", "")).first() if saved else None
    )
    citizen = provider is not None and provider.audience == Audience.CITIZEN
    done = reverse("citizen:logged_out" if citizen else settings.LOGOUT_REDIRECT_URL)
    if provider is None:
        auth_logout(request)
        return redirect(done)
    _audit_logout(request, provider)
    id_token = request.session.get(mitid.SESSION_ID_TOKEN, "")
    auth_logout(request)
    try:
        if provider.protocol == Protocol.SAML:
            url = saml.logout_url(
                request,
                provider,
                name_id=saved.get("name_id", ""),
                session_index=saved.get("session_index", ""),
            )
        else:
            url = oidc.logout_url(request, provider, id_token=id_token, done=done)
    except (saml.SAMLRefused, requests.RequestException, ImproperlyConfigured, KeyError) as error:
        logger.error("Could not log out at the identity provider %s: %s", provider.slug, error)
        url = None
    return HttpResponseRedirect(url or done)


@login_not_required
@require_GET
def oidc_callback(request: HttpRequest) -> HttpResponse:
    """Where every staff OpenID Connect provider sends the browser back; the `state` names
    the provider and must be one this browser was given (else a tampered or replayed answer)."""
    state = request.GET.get("state", "")
    slug = request.session.get(oidc.SESSION_STATES, {}).pop(state, None)
    pending = request.session.get("oidc_states", {}).pop(state, None)
    request.session.modified = True
    provider = IdentityProvider.objects.filter(
        slug=slug or "", protocol=Protocol.OIDC, audience=Audience.STAFF, is_active=True
    ).first()
    if provider is None or pending is None:
        logger.warning("OIDC login refused: a state this browser was not given.")
        if provider is None:
            return render(
                request,
                "sso/refused.html",
                {"message": REFUSALS["failed"]()},
                status=400,
            )
        return _refuse(request, provider, "failed")
    if request.GET.get("error"):
        logger.info("The identity provider answered: %s", request.GET.get("error"))
        return _refuse(
            request, provider, "cancelled" if request.GET["error"] == "access_denied" else "failed"
        )
    try:
        backend = oidc.StaffOIDCBackend(provider)
        user = backend.authenticate(
            request, nonce=pending.get("nonce"), code_verifier=pending.get("code_verifier")
        )
    except services.LoginRefused as refusal:
        return _refuse(request, provider, refusal.reason, user=refusal.user)
    except jwt.ExpiredSignatureError:
        logger.warning("OIDC login refused: the ID token has expired.")
        return _refuse(request, provider, "expired")
    except (SuspiciousOperation, jwt.PyJWTError) as error:
        logger.warning("OIDC login refused: %s", error)
        return _refuse(request, provider, "failed")
    except requests.HTTPError as error:
        status = error.response.status_code if error.response is not None else 0
        logger.warning("The identity provider refused the code: %s", error)
        return _refuse(request, provider, "failed" if 400 <= status < 500 else "broker")
    except (requests.RequestException, ImproperlyConfigured) as error:
        logger.error("The identity provider %s did not answer: %s", provider.slug, error)
        return _refuse(request, provider, "broker")
    except (KeyError, TypeError, ValueError):
        logger.exception("The identity provider's answer could not be read.")
        return _refuse(request, provider, "failed")
    if user is None or not access.may_use_staff_login(user):
        return _refuse(request, provider, "failed")
    next_url = request.session.pop("oidc_login_next", "") or ""
    return _logged_in(request, provider, user, next_url=next_url)
