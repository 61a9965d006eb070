"""Nothing but the second factor's own pages until a login that owes it has shown it.

After the password, a user with an app or passkey is sent to "Indtast koden fra din app";
a user whose role requires a second factor and who has none is sent to add one. Every
other page, the administration included, waits until then.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from enplan.mfa import selectors
from enplan.mfa.policy import is_verified, login_owes_second_factor, second_factor_required

# Reached before the second factor: the login's own steps and what every page needs.
OPEN_URL_NAMES = {"logout", "set_language", "healthz", "accessibility"}
OPEN_PATH_PREFIXES = ("/static/", "/passkeys/jsi18n/")
VERIFY_URL_NAMES = {"verify"}
ENROL_URL_NAMES = {"enrol", "add_app", "recovery_codes"}
# The passkey ceremonies answer JSON; django-otp-webauthn itself refuses to register a new
# passkey before the second factor of a user who already has one.
PASSKEY_VERIFY_URL_NAMES = {"credential-authentication-begin", "credential-authentication-complete"}
PASSKEY_ENROL_URL_NAMES = {"credential-registration-begin", "credential-registration-complete"}


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not login_owes_second_factor(request):
            return None
        if request.path.startswith(OPEN_PATH_PREFIXES):
            return None
        match = request.resolver_match
        name = match.url_name if match else None
        namespace = match.namespace if match else ""
        if namespace == "" and name in OPEN_URL_NAMES:
            return None
        if is_verified(user):
            return None
        mfa_page = namespace == "mfa"
        passkey_api = namespace == "otp_webauthn"
        if selectors.has_factor(user):
            if (mfa_page and name in VERIFY_URL_NAMES) or (
                passkey_api and name in PASSKEY_VERIFY_URL_NAMES
            ):
                return None
            return redirect(_with_next(reverse("mfa:verify"), request))
        if not second_factor_required(user):
            return None
        if (mfa_page and name in ENROL_URL_NAMES) or (
            passkey_api and name in PASSKEY_ENROL_URL_NAMES
        ):
            return None
        return redirect(_with_next(reverse("mfa:enrol"), request))


def _with_next(url: str, request) -> str:
    if request.method != "GET" or request.path == "/":
        return url
    return f"{url}?{urlencode({'next': request.get_full_path()})}"
