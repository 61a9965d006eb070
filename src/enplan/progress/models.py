from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from enplan.core.models import Municipality
from enplan.plans.models import Plan, PlanMember


class StepModel(models.Model):
    """A shared staircase (trappetrinsmodel) that every department registers progress on.

    A municipality can have several (for job and education, for families, for young
    people); each plan follows one. One model per municipality is the default for new plans.
    """

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    is_default = models.BooleanField(
        _("default"), default=False, help_text=_("Used for plans that have not chosen a model.")
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("step model")
        verbose_name_plural = _("step models")
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="step_model_unique_name"),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(is_default=True),
                name="step_model_one_default",
            ),
        ]

    def __str__(self):
        return self.name


class Step(models.Model):
    """One step on a staircase, with the longest a citizen should need to stay on it."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT
    )
    model = models.ForeignKey(
        StepModel, verbose_name=_("step model"), on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveSmallIntegerField(
        _("number"), help_text=_("1 is the bottom step; a higher number is further up.")
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    max_days = models.PositiveIntegerField(
        _("maximum days on the step"),
        null=True,
        blank=True,
        help_text=_("E.g. 183 for six months. Leave empty for a step with no time limit."),
    )

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["model", "order"]
        constraints = [
            models.UniqueConstraint(fields=["model", "order"], name="step_unique_order"),
        ]

    def __str__(self):
        return f"{self.order}. {self.name}"


class PlanProgression(models.Model):
    """Which step model a plan follows. Chosen once; fixed from the first registration."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT
    )
    plan = models.OneToOneField(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="progression"
    )
    step_model = models.ForeignKey(
        StepModel, verbose_name=_("step model"), on_delete=models.PROTECT, related_name="plans"
    )
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chosen by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    chosen_at = models.DateTimeField(_("chosen"), default=timezone.now)

    history = HistoricalRecords(excluded_fields=["chosen_at"])

    class Meta:
        verbose_name = _("plan's step model")
        verbose_name_plural = _("plans' step models")

    def __str__(self):
        return f"{self.plan}: {self.step_model}"


class StepRegistration(models.Model):
    """A citizen moved to a step (or left the staircase) on a date, for a reason.

    Registrations are never edited: the path on the staircase is the record of what each
    department saw and when. A citizen's stay on a step lasts from its registration to the
    next one. `step` is empty when the citizen's course on the staircase ended.
    """

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT
    )
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
