"""The administrator's side of the second factor: a reset for a user who has lost every
device and recovery code. The packages' own lists of devices are not shown: they would
list every municipality's users, and a secret is nothing to browse."""

from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnAttestation, WebAuthnCredential

from enplan.core.admin import UserAdmin as CoreUserAdmin
from enplan.core.models import User
from enplan.mfa import services

for model in (TOTPDevice, StaticDevice, WebAuthnCredential, WebAuthnAttestation):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(CoreUserAdmin):
    actions = ["reset_second_factor"]
    list_display = [*CoreUserAdmin.list_display, "two_step"]

    def get_queryset(self, request):
        # One subquery per kind of device, so the list reads the same number of queries
        # however many users it shows.
        confirmed = {"user": OuterRef("pk"), "confirmed": True}
        return (
            super()
            .get_queryset(request)
            .annotate(
                _has_app=Exists(TOTPDevice.objects.filter(**confirmed)),
                _has_passkey=Exists(WebAuthnCredential.objects.filter(**confirmed)),
            )
        )

    @admin.display(description=_("Two-step verification"), boolean=True)
    def two_step(self, user):
        return user._has_app or user._has_passkey

    @admin.action(
        description=_("Reset two-step verification (the user sets it up again)"),
        permissions=["change"],
    )
    def reset_second_factor(self, request, queryset):
        # The queryset is already the administrator's own municipality's users.
        count = 0
        for account in queryset:
            services.factors_reset(by=request.user, account=account, path=request.path)
            count += 1
        self.message_user(
            request,
            ngettext(
                "Two-step verification is reset for %(count)d user.",
                "Two-step verification is reset for %(count)d users.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
