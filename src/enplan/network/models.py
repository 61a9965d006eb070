from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from enplan.core.models import MunicipalityOwned
from enplan.plans.models import Actor, Plan


class RelationLevel(models.TextChoices):
    """The three grades of the field exercise: how well two actors work together."""

    GOOD = "good", _("Good")
    MEDIUM = "medium", _("Medium")
    POOR = "poor", _("Poor")


# Lower is weaker; the map draws a relation by its weakest current perspective.
LEVEL_RANK = {RelationLevel.POOR: 1, RelationLevel.MEDIUM: 2, RelationLevel.GOOD: 3}


class RelationRating(MunicipalityOwned):
    """How one actor sees the working relation between two actors, on one day.

    Ratings are never edited: a new view is a new rating, so the plan keeps the history of
    how the collaboration was seen over time, and the map can be shown as it was on any
    date. The pair is stored in a fixed order (lower actor id first) so that "A and B" and
    "B and A" are the same relation.
    """

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="relation_ratings"
    )
    rater = models.ForeignKey(
        Actor,
        verbose_name=_("seen from"),
        on_delete=models.PROTECT,
        related_name="ratings_given",
    )
    first = models.ForeignKey(
        Actor, verbose_name=_("between"), on_delete=models.PROTECT, related_name="+"
    )
    second = models.ForeignKey(
        Actor, verbose_name=_("and"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("collaboration"), max_length=10, choices=RelationLevel.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    rated_on = models.DateField(_("rated on"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("collaboration rating")
        verbose_name_plural = _("collaboration ratings")
        ordering = ["rated_on", "recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(first__lt=models.F("second")), name="rating_pair_in_order"
            ),
        ]
        indexes = [models.Index(fields=["plan", "rated_on"], name="rating_plan_rated_on")]

    def __str__(self):
        return f"{self.first_id}–{self.second_id}: {self.get_level_display()}"


class DevelopmentPointStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class DevelopmentPoint(MunicipalityOwned):
    """Something the network agreed to improve after looking at the map together, e.g.
    "School and child psychiatry meet before the next network meeting"."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="development_points"
    )
    text = models.CharField(_("development point"), max_length=500)
    responsible = models.ForeignKey(
        Actor,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="development_points",
    )
    due_date = models.DateField(_("follow up by"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DevelopmentPointStatus.choices,
        default=DevelopmentPointStatus.OPEN,
    )
    agreed_on = models.DateField(_("agreed on"), default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["created_by"])

    class Meta:
        verbose_name = _("development point")
        verbose_name_plural = _("development points")
        ordering = ["-status", "id"]

    def __str__(self):
        return self.text
