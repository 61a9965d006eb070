from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from enplan.core.models import Municipality
from enplan.organisation.models import Professional
from enplan.plans.models import Plan, PlanMember


class ActorKind(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    PRIVATE = "private", _("Private person")


class ActorQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(Q(started_on__lte=day), Q(ended_on__isnull=True) | Q(ended_on__gte=day))


class Actor(models.Model):
    """A person in the citizen's network: a professional, or a private person (family,
    friends, a mentor). A professional who is an active actor may see the plan, within the
    citizen's consent."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT
    )
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="actors"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind.choices)
    professional = models.ForeignKey(
        Professional,
        verbose_name=_("professional"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actor_roles",
    )
    name = models.CharField(
        _("name"), max_length=150, blank=True, help_text=_("For private persons.")
    )
    member = models.ForeignKey(
        PlanMember,
        verbose_name=_("in the life of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actors",
        help_text=_("Leave empty when the person is there for the whole household."),
    )
    role = models.CharField(
        _("role in the citizen's life"),
        max_length=200,
        help_text=_("E.g. 'Caseworker, cash benefits', 'Grandmother', 'Football coach'."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    started_on = models.DateField(_("involved from"), default=timezone.localdate)
    ended_on = models.DateField(_("involved until"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    added_by_citizen = models.BooleanField(
        _("added by the citizen or family"),
        default=False,
        help_text=_("The citizen or family named this person, through the coordinator."),
    )
    # A private person named by the citizen can be kept out of the professionals' view.
    visible_to_professionals = models.BooleanField(
        _("professionals may see this person"),
        default=True,
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ActorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["kind", "started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="professional") & Q(professional__isnull=False))
                | (Q(kind="private") & Q(professional__isnull=True) & ~Q(name="")),
                name="actor_professional_or_named_private",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="actor_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["professional", "plan"], name="actor_professional_plan")]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.professional.name if self.professional is not None else self.name

    def is_active_on(self, day) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)


class RelationLevel(models.TextChoices):
    """The three grades of the field exercise: how well two actors work together."""

    GOOD = "good", _("Good")
    MEDIUM = "medium", _("Medium")
    POOR = "poor", _("Poor")


# Lower is weaker; the map draws a relation by its weakest current perspective.
LEVEL_RANK = {RelationLevel.POOR: 1, RelationLevel.MEDIUM: 2, RelationLevel.GOOD: 3}


class RelationRating(models.Model):
    """How one actor sees the working relation between two actors, on one day.

    Ratings are never edited: a new view is a new rating, so the plan keeps the history of
    how the collaboration was seen over time, and the map can be shown as it was on any
    date. The pair is stored in a fixed order (lower actor id first) so that "A and B" and
    "B and A" are the same relation.
    """

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT
    )
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


class DevelopmentPoint(models.Model):
    """Something the network agreed to improve after looking at the map together, e.g.
    "School and child psychiatry meet before the next network meeting"."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT
    )
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
