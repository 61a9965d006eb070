"""Relational coordination: survey rounds among the professionals around citizens.

A round asks professionals (respondents) how they coordinate with each workgroup in the
round, their own included, on seven fixed dimensions. Individual answers are stored only
to be scored: no page, export or command ever shows them; results are per group.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enplan.coordination import scoring
from enplan.core.models import Municipality, MunicipalityOwned
from enplan.organisation.models import Professional
from enplan.plans.models import Plan


class Dimension(models.TextChoices):
    # The keys are fixed (imports and exports use them); the labels are the concepts'
    # plain names, and the questions are our own wording (see questions.py).
    FREQUENT = "frequent", _("Frequent communication")
    TIMELY = "timely", _("Timely communication")
    ACCURATE = "accurate", _("Accurate communication")
    PROBLEM_SOLVING = "problem_solving", _("Problem-solving communication")
    SHARED_GOALS = "shared_goals", _("Shared goals")
    SHARED_KNOWLEDGE = "shared_knowledge", _("Shared knowledge")
    RESPECT = "respect", _("Mutual respect")


assert tuple(Dimension.values) == scoring.DIMENSIONS


class ScopeKind(models.TextChoices):
    PLAN = "plan", _("The professionals around one plan")
    TEAM = "team", _("A team of professionals across departments")


class Grouping(models.TextChoices):
    PROFESSION = "profession", _("By profession")
    DEPARTMENT = "department", _("By department")
    CUSTOM = "custom", _("Custom groups")


class CoordinationSettings(models.Model):
    """A municipality's levels for relational coordination, when they differ from the
    field's defaults."""

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="coordination_settings",
    )
    within_high = models.DecimalField(
        _("within a group: high above"), max_digits=3, decimal_places=2, default=Decimal("4.5")
    )
    within_medium = models.DecimalField(
        _("within a group: medium from"), max_digits=3, decimal_places=2, default=Decimal("4.0")
    )
    between_high = models.DecimalField(
        _("between groups: high above"), max_digits=3, decimal_places=2, default=Decimal("4.0")
    )
    between_medium = models.DecimalField(
        _("between groups: medium from"), max_digits=3, decimal_places=2, default=Decimal("3.5")
    )

    class Meta:
        verbose_name = _("levels for relational coordination")
        verbose_name_plural = _("levels for relational coordination")
        constraints = [
            models.CheckConstraint(
                condition=Q(within_medium__lte=models.F("within_high"))
                & Q(between_medium__lte=models.F("between_high"))
                & Q(within_medium__gte=1)
                & Q(between_medium__gte=1)
                & Q(within_high__lte=5)
                & Q(between_high__lte=5),
                name="coordination_levels_in_order",
            )
        ]

    def __str__(self):
        return str(self.municipality)

    @property
    def thresholds(self) -> scoring.Thresholds:
        return scoring.Thresholds(
            within_high=self.within_high,
            within_medium=self.within_medium,
            between_high=self.between_high,
            between_medium=self.between_medium,
        )


class DimensionQuestion(MunicipalityOwned):
    """A municipality's own wording of a dimension's question, replacing ours; e.g. the
    licensed wording of the published survey, for a municipality that holds a licence."""

    dimension = models.CharField(_("dimension"), max_length=30, choices=Dimension.choices)
    text = models.CharField(
        _("question"),
        max_length=300,
        help_text=_("Asked about each workgroup, e.g. 'Do they tell you in time…?'"),
    )

    class Meta:
        verbose_name = _("question text")
        verbose_name_plural = _("question texts")
        ordering = ["dimension"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "dimension"], name="dimension_question_once"
            )
        ]

    def __str__(self):
        return self.get_dimension_display()


class SurveyRound(MunicipalityOwned):
    title = models.CharField(_("name"), max_length=150)
    scope = models.CharField(_("who is asked"), max_length=10, choices=ScopeKind.choices)
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordination_rounds",
    )
    team = models.CharField(
        _("team"),
        max_length=150,
        blank=True,
        help_text=_("Rounds with the same team name can be compared before and after."),
    )
    grouping = models.CharField(_("groups"), max_length=20, choices=Grouping.choices)
    opens_on = models.DateField(_("opens"), default=timezone.localdate)
    closes_on = models.DateField(_("closes"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)

    class Meta:
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(scope="plan") & Q(plan__isnull=False))
                | (Q(scope="team") & Q(plan__isnull=True) & ~Q(team="")),
                name="round_plan_or_team",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="round_closes_after_opening",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "plan"], name="round_plan")]

    def __str__(self):
        return self.title

    def is_closed_on(self, day) -> bool:
        return self.closed_at is not None or self.closes_on < day

    @property
    def is_closed(self) -> bool:
        return self.is_closed_on(timezone.localdate())

    @property
    def is_open(self) -> bool:
        return not self.is_closed


class Workgroup(MunicipalityOwned):
    round = models.ForeignKey(
        SurveyRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="groups"
    )
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        verbose_name = _("workgroup")
        verbose_name_plural = _("workgroups")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "name"], name="workgroup_unique_name")
        ]

    def __str__(self):
        return self.name


class AnswerImport(MunicipalityOwned):
    """One uploaded file of answers collected on paper or in another survey tool."""

    round = models.ForeignKey(
        SurveyRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="imports"
    )
    file_name = models.CharField(_("file"), max_length=200)
    rows = models.PositiveIntegerField(_("rows"))
    respondents = models.PositiveIntegerField(_("respondents"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)

    class Meta:
        verbose_name = _("import of answers")
        verbose_name_plural = _("imports of answers")
        ordering = ["-imported_at", "-id"]

    def __str__(self):
        return self.file_name


class Respondent(MunicipalityOwned):
    """A professional asked in a round, or a respondent from an imported file (known only
    by the file's own label)."""

    round = models.ForeignKey(
        SurveyRound,
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        related_name="respondents",
    )
    group = models.ForeignKey(
        Workgroup, verbose_name=_("workgroup"), on_delete=models.CASCADE, related_name="members"
    )
    professional = models.ForeignKey(
        Professional,
        verbose_name=_("professional"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    imported_from = models.ForeignKey(
        AnswerImport,
        verbose_name=_("imported from"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="imported_respondents",
    )
    label = models.CharField(_("label in the file"), max_length=100, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    saved_at = models.DateTimeField(_("last saved"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "professional"],
                condition=Q(professional__isnull=False),
                name="respondent_once_per_round",
            ),
            models.UniqueConstraint(
                fields=["round", "label"],
                condition=~Q(label=""),
                name="respondent_label_once_per_round",
            ),
            models.CheckConstraint(
                condition=Q(professional__isnull=False) | ~Q(label=""),
                name="respondent_professional_or_label",
            ),
        ]

    def __str__(self):
        return self.professional.name if self.professional_id else self.label


class Answer(MunicipalityOwned):
    """One respondent's answer about one workgroup on one dimension; `score` empty for
    "don't know". Never shown: only scored."""

    respondent = models.ForeignKey(
        Respondent, verbose_name=_("respondent"), on_delete=models.CASCADE, related_name="answers"
    )
    about = models.ForeignKey(
        Workgroup, verbose_name=_("about"), on_delete=models.CASCADE, related_name="+"
    )
    dimension = models.CharField(_("dimension"), max_length=30, choices=Dimension.choices)
    score = models.PositiveSmallIntegerField(
        _("score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["respondent", "about", "dimension"], name="answer_once"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="answer_score_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.dimension}"
