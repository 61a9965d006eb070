from django.conf import settings
from django.db import models, transaction
from django.db.models import Min
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
    left_on = models.DateField(_("left on"), null=True, blank=True, editable=False)
    prev_step = models.ForeignKey(
        Step,
        verbose_name=_("previous step"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        db_index=False,
    )

    class Meta:
        verbose_name = _("step registration")
        verbose_name_plural = _("step registrations")
        ordering = ["entered_on", "id"]
        indexes = [
            models.Index(fields=["member", "entered_on", "id"], name="stepreg_member_entered"),
            models.Index(
                fields=["municipality", "entered_on"], name="stepreg_municipality_entered"
            ),
            # The steering figures read the stays still open at a date, or ended after it.
            models.Index(
                fields=["municipality", "left_on", "entered_on"], name="stepreg_municipality_left"
            ),
        ]

    def __str__(self):
        return f"{self.entered_on:%d.%m.%Y} {self.step or _('left the staircase')}"

    @property
    def is_exit(self) -> bool:
        return self.step_id is None

    def save(self, *args, **kwargs):
        adding = self._state.adding
        with transaction.atomic():
            super().save(*args, **kwargs)
            if adding:
                self.left_on, self.prev_step_id = keep_stays(self.member_id)[self.pk]
                # A registration before the plan's start moves the start back: one guarded
                # update, so two members registered at once cannot undo each other's.
                Plan.objects.filter(pk=self.plan_id, start_on__gt=self.entered_on).update(
                    start_on=self.entered_on
                )

    def delete(self, *args, **kwargs):
        member_id, plan_id = self.member_id, self.plan_id
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            keep_stays(member_id)
            keep_plan_start(plan_id)
        return result


def keep_stays(member_id: int) -> dict:
    """Set `left_on` and `prev_step` on each of a citizen's registrations from its
    neighbours in date order (ties in the order they were made), as SQL's LEAD and LAG
    would, and return them by registration. A citizen has tens of registrations at most,
    so all are read; after a new registration usually two rows change: the one before it,
    and the new one."""
    rows = list(
        StepRegistration.objects.filter(member_id=member_id)
        .order_by("entered_on", "id")
        .values_list("pk", "entered_on", "step_id", "left_on", "prev_step_id")
    )
    kept = {}
    for index, (pk, _entered_on, _step, left_on, prev_step) in enumerate(rows):
        after = rows[index + 1][1] if index + 1 < len(rows) else None
        before = rows[index - 1][2] if index else None
        if (left_on, prev_step) != (after, before):
            StepRegistration.objects.filter(pk=pk).update(left_on=after, prev_step_id=before)
        kept[pk] = (after, before)
    return kept


def plan_start(plan_id: int):
    """A plan starts on the day it was created, or on its first step registration if that
    is earlier (a plan moved from paper keeps its real history)."""
    created_at = Plan.objects.filter(pk=plan_id).values_list("created_at", flat=True).first()
    if created_at is None:
        return None
    created_on = timezone.localdate(created_at)
    first = StepRegistration.objects.filter(plan_id=plan_id).aggregate(first=Min("entered_on"))
    return min(created_on, first["first"]) if first["first"] else created_on


def keep_plan_start(plan_id: int) -> None:
    """Work the plan's start out again (after a registration is withdrawn). The plan's row
    is locked first, so a registration made at the same time waits and is counted."""
    if not list(Plan.objects.select_for_update().filter(pk=plan_id).values_list("pk")):
        return
    start = plan_start(plan_id)
    Plan.objects.filter(pk=plan_id).exclude(start_on=start).update(start_on=start)


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


class SteeringFiguresRequest(models.Model):
    """Figures asked for and being computed on the task queue (progress/kept.py): one row
    per period and group, so that many looks at once queue one computation. Removed when
    the figures are kept; a failed computation leaves what went wrong for the page."""

    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=200)  # as KeptSteeringFigures.key
    requested_at = models.DateTimeField()
    # The computation failed: the page says so in the viewer's language and offers to try
    # again.
    failed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "key"], name="steering_figures_requested_once_per_key"
            )
        ]

    def __str__(self) -> str:
        return self.key
