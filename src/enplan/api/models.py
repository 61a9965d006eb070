"""The departments' own systems that reach the plans through the API.

An integrating system (Momentum at the jobcenter, DUBU in the family department) gets an
OAuth 2.0 client of its own, bound to one municipality and one department. Behind it stand
a user and a professional record of that department, so that the access rules and the
write policy that decide for a professional decide for the system too, and the audit trail
and the citizen's Min log name the system ("Jobcentrets system (Momentum)").
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enplan.core.models import MunicipalityOwned
from enplan.organisation.models import Department, Professional


class Scope(models.TextChoices):
    READ = "read", _("Read the plans the department may see")
    WRITE_INTERVENTIONS = "interventions:write", _("Register and change the department's efforts")
    WRITE_LOG = "log:write", _("Write in the relay log")


class IntegrationSystem(MunicipalityOwned):
    name = models.CharField(
        _("name"),
        max_length=150,
        help_text=_("As the citizen sees it in Min log, e.g. 'Jobcentrets system (Momentum)'."),
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    requests_per_minute = models.PositiveIntegerField(
        _("requests per minute"),
        default=120,
        help_text=_("More requests than this within a minute are refused (429) until it passes."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    application = models.OneToOneField(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL,
        verbose_name=_("OAuth client"),
        on_delete=models.PROTECT,
        related_name="integration_system",
        editable=False,
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("service user"),
        on_delete=models.PROTECT,
        related_name="integration_system",
        editable=False,
    )
    professional = models.OneToOneField(
        Professional,
        verbose_name=_("professional record"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("integrated system")
        verbose_name_plural = _("integrated systems")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="integration_system_unique_name"
            )
        ]

    def __str__(self):
        return self.name

    def allows(self, scope: str) -> bool:
        return scope in self.scopes


class Event(models.TextChoices):
    PLAN_CHANGED = "plan.changed", _("The plan changed")
    INTERVENTION_STARTED_LATE = "intervention.started_late", _("An effort started late")
    MEETING_DECIDED = "meeting.decided", _("A meeting made a decision")
    CONSENT_WITHDRAWN = "consent.withdrawn", _("A consent was withdrawn")


def _new_signing_secret() -> str:
    from django.utils.crypto import get_random_string

    return get_random_string(48)


class Webhook(MunicipalityOwned):
    """Where a system wants to hear of changes on the plans it may see. Every delivery is
    signed with HMAC-SHA256 over the body with the webhook's secret."""

    system = models.ForeignKey(
        IntegrationSystem,
        verbose_name=_("integrated system"),
        on_delete=models.CASCADE,
        related_name="webhooks",
    )
    url = models.URLField(_("address"), max_length=500)
    events = models.JSONField(_("events"), default=list, blank=True)
    secret = models.CharField(
        _("signing secret"),
        max_length=64,
        default=_new_signing_secret,
        help_text=_("Give this to the system: it checks each delivery's signature with it."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["system", "url"]

    def __str__(self):
        return f"{self.system}: {self.url}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Given up")


class WebhookDelivery(MunicipalityOwned):
    """One event for one webhook, and how its delivery went."""

    webhook = models.ForeignKey(
        Webhook, verbose_name=_("webhook"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(_("event"), max_length=40, choices=Event.choices)
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveSmallIntegerField(_("last answer"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["webhook", "-created_at"], name="delivery_webhook_created")]

    def __str__(self):
        return f"{self.event} → {self.webhook.url}"
