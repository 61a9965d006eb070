"""Integrated systems in the administration: a municipality's administrator issues a
client to a department's system, and sees its client id; the secret is shown once."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from enplan.api import services
from enplan.api.models import (
    DeliveryStatus,
    Event,
    IntegrationSystem,
    Scope,
    Webhook,
    WebhookDelivery,
)
from enplan.core.admin import MunicipalityScopedAdmin


class IntegrationSystemForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=[Scope.READ],
    )

    class Meta:
        model = IntegrationSystem
        fields = [
            "municipality",
            "name",
            "department",
            "scopes",
            "requests_per_minute",
            "is_active",
        ]

    def clean(self):
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        department = cleaned.get("department")
        if municipality and department and department.municipality_id != municipality.pk:
            self.add_error("department", _("That choice does not belong to this municipality."))
        return cleaned


@admin.register(IntegrationSystem)
class IntegrationSystemAdmin(MunicipalityScopedAdmin):
    form = IntegrationSystemForm
    list_display = ["name", "department", "client_id", "requests_per_minute", "is_active"]
    list_filter = ["is_active", "department", "municipality"]
    list_select_related = ["department", "application"]
    search_fields = ["name"]
    readonly_fields = ["client_id", "created_at"]

    @admin.display(description=_("client id"))
    def client_id(self, system):
        return system.application.client_id if system.application_id else ""

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.municipality_id = request.user.municipality_id
        if change:
            services.integration_system_update(system=obj)
            return
        issued = services.integration_system_create(
            municipality=obj.municipality,
            department=obj.department,
            name=obj.name,
            scopes=obj.scopes,
            requests_per_minute=obj.requests_per_minute,
        )
        obj.pk = issued.system.pk
        obj._state.adding = False
        messages.warning(
            request,
            _(
                "Give the system these client credentials now: client id %(id)s, client "
                "secret %(secret)s. The secret is not shown again."
            )
            % {"id": issued.client_id, "secret": issued.client_secret},
        )


class WebhookForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        label=_("events"), choices=Event.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Webhook
        fields = ["municipality", "system", "url", "events", "is_active"]

    def clean(self):
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        system = cleaned.get("system")
        if municipality and system and system.municipality_id != municipality.pk:
            self.add_error("system", _("That choice does not belong to this municipality."))
        return cleaned


@admin.register(Webhook)
class WebhookAdmin(MunicipalityScopedAdmin):
    form = WebhookForm
    list_display = ["system", "url", "is_active"]
    list_filter = ["is_active", "system", "municipality"]
    list_select_related = ["system"]
    readonly_fields = ["secret"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(MunicipalityScopedAdmin):
    """The delivery log: what was sent where, how often, and the last answer."""

    list_display = [
        "created_at",
        "event",
        "webhook",
        "status",
        "attempts",
        "last_status_code",
        "delivered_at",
    ]
    list_filter = ["status", "event", "webhook", "municipality"]
    list_select_related = ["webhook__system"]
    actions = ["send_again"]
    readonly_fields = [
        "webhook",
        "event",
        "payload",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "created_at",
        "delivered_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send again"))
    def send_again(self, request, queryset):
        from enplan.api.tasks import deliver_webhook

        for delivery in queryset:
            delivery.status = DeliveryStatus.PENDING
            delivery.save(update_fields=["status"])
            deliver_webhook.enqueue(delivery.pk)
        self.message_user(request, _("The deliveries are on their way again."))
