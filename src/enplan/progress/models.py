from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enplan.core.models import MunicipalityOwned
from enplan.organisation.models import Step
from enplan.plans.models import Plan, PlanMember


class StepRegistration(MunicipalityOwned):
    """A citizen moved to a step (or left the staircase) on a date, for a reason.

    Registrations are never edited: the path on the staircase is the record of what each
    department saw and when. A citizen's stay on a step lasts from its registration to the
    next one. `step` is empty when the citizen's course on the staircase ended.
    """

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="step_registrations"
    )
    member = models.ForeignKey(
        PlanMember,
        verbose_name=_("citizen"),
        on_delete=models.PROTECT,
        related_name="step_registrations",
    )
    step = models.ForeignKey(
        Step,
        verbose_name=_("step"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
    )
    entered_on = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=300)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_by_name = models.CharField(_("registered by"), max_length=150)
    registered_by_workplace = models.CharField(_("workplace"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)

    class Meta:
        verbose_name = _("step registration")
        verbose_name_plural = _("step registrations")
        ordering = ["entered_on", "id"]
        indexes = [
            models.Index(fields=["member", "entered_on", "id"], name="stepreg_member_entered"),
            models.Index(
                fields=["municipality", "entered_on"], name="stepreg_municipality_entered"
            ),
        ]

    def __str__(self):
        return f"{self.entered_on:%d.%m.%Y} {self.step or _('left the staircase')}"

    @property
    def is_exit(self) -> bool:
        return self.step_id is None


class KeptSteeringFigures(models.Model):
    """Steering figures computed once and read by every look until the next refresh
    (progress/kept.py). Aggregates after suppression, signed: no personal data."""

    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    # The period, the last day counted, the group of plans, the language and the version.
    key = models.CharField(max_length=200)
    computed_at = models.DateTimeField()
    payload = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "key"], name="kept_steering_figures_one_per_key"
            )
        ]

    def __str__(self) -> str:
        return self.key
