"""The second factor's pages: the code after the password, adding an app or a passkey,
the recovery codes, and the user's own "Sikkerhed" page."""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from enplan.core.editing import apply_errors
from enplan.mfa import selectors, services
from enplan.mfa.forms import AddAppForm, CodeForm, PasswordAgainForm
from enplan.mfa.policy import is_verified, may_add_second_factor, second_factor_required

# Recovery codes wait here between their making and the one page that shows them.
NEW_CODES_SESSION_KEY = "enplan_new_recovery_codes"
PENDING_APP_SESSION_KEY = "enplan_pending_app"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


def _codes_url(request: HttpRequest) -> str:
    return f"{reverse('mfa:recovery_codes')}?{urlencode({'next': _next_url(request)})}"


def _staff_or_404(request: HttpRequest):
    if not may_add_second_factor(request.user):
        raise Http404
    return request.user


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """ "Indtast koden fra din app", or use a passkey: the second step of the login."""
    user = _staff_or_404(request)
    if is_verified(user) or not selectors.has_factor(user):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.verify(user=user, code=form.cleaned_data["code"])
        if result.device is not None:
            # A new session key for the session that now counts as fully logged in.
            request.session.cycle_key()
            otp_login(request, result.device)
            return redirect(_next_url(request))
        form.add_error("code", result.error)
    return render(
        request,
        "mfa/verify.html",
        {"form": form, "next": _next_url(request), "has_passkey": selectors.has_passkey(user)},
    )


@never_cache
@require_http_methods(["GET"])
def security(request: HttpRequest) -> HttpResponse:
    """The user's own "Sikkerhed": their apps and passkeys, and the recovery codes."""
    user = _staff_or_404(request)
    return render(request, "mfa/security.html", _security_context(request, user, enrolling=False))


@never_cache
@require_http_methods(["GET"])
def enrol(request: HttpRequest) -> HttpResponse:
    """Where a user whose role requires a second factor, and who has none, adds one."""
    user = _staff_or_404(request)
    if selectors.has_factor(user):
        return redirect(_next_url(request))
    return render(request, "mfa/security.html", _security_context(request, user, enrolling=True))


def _security_context(request, user, *, enrolling: bool) -> dict:
    return {
        "enrolling": enrolling,
        "required": second_factor_required(user),
        "factors": selectors.factors_of(user),
        "codes_left": selectors.recovery_codes_left(user),
        "next": _next_url(request),
        # After a passkey is added, the page goes on to the recovery codes (made once).
        "after_passkey": _codes_url(request),
    }


@never_cache
@require_http_methods(["GET", "POST"])
def add_app(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app: scan the QR code (or type the key), then a code from it."""
    user = _staff_or_404(request)
    device = selectors.pending_app(user, request.session.get(PENDING_APP_SESSION_KEY) or 0)
    if device is None or request.method == "GET":
        device = services.app_start(user=user)
        request.session[PENDING_APP_SESSION_KEY] = device.pk
    form = AddAppForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        first = not selectors.has_factor(user)
        try:
            services.app_confirm(
                user=user,
                device=device,
                code=form.cleaned_data["code"],
                name=form.cleaned_data["name"],
                path=request.path,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            del request.session[PENDING_APP_SESSION_KEY]
            if not is_verified(user):
                request.session.cycle_key()
                otp_login(request, device)
            if first:
                return redirect(_codes_url(request))
            messages.success(request, _("The app is added."))
            return redirect("mfa:security")
    secret = b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "mfa/add_app.html",
        {
            "form": form,
            "next": _next_url(request),
            "enrolling": second_factor_required(user) and not selectors.has_factor(user),
            # Named by its title, for screen readers; the key stands beside it in text.
            "qr_svg": qr.svg_inline(scale=5, border=2, title=_("QR code for your app")).replace(
                "<svg ", '<svg role="img" ', 1
            ),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The recovery codes, shown once: right after the first app or passkey, or when the
    user asks for new ones (the old ones stop working)."""
    user = _staff_or_404(request)
    if not selectors.has_factor(user):
        return redirect("mfa:security")
    if request.method == "POST":
        request.session[NEW_CODES_SESSION_KEY] = services.recovery_codes_renew(
            user=user, path=request.path
        )
        return redirect(_codes_url(request))
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    if codes is None and not selectors.static_devices_of(user).exists():
        codes = services.recovery_codes_renew(user=user, path=request.path)
    return render(
        request,
        "mfa/recovery_codes.html",
        {
            "codes": codes,
            "codes_left": selectors.recovery_codes_left(user),
            "next": _next_url(request),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def remove(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Remove an app or passkey of one's own, with the password again."""
    user = _staff_or_404(request)
    factor = next((f for f in selectors.factors_of(user) if (f.kind, f.pk) == (kind, pk)), None)
    if factor is None:
        raise Http404
    form = PasswordAgainForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.factor_remove(
                user=user,
                kind=kind,
                pk=pk,
                password=form.cleaned_data["password"],
                path=request.path,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("“%(name)s” is removed.") % {"name": factor.name})
            return redirect("mfa:security")
    return render(request, "mfa/remove.html", {"form": form, "factor": factor})
