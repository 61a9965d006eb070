"""Finding the citizens who need one plan: nominations by staff, and screening rounds that
score pseudonymised registry extracts with published rules.

Screening is profiling by an authority and stays off until the round records its legal
basis, an approved DPIA and the DPO's sign-off (see docs/targeting.md).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from enplan.core import cpr
from enplan.core.models import MunicipalityOwned
from enplan.organisation.models import Area, Department, Professional
from enplan.plans.models import MemberRole, Plan, PlanKind


class NominationHandler(MunicipalityOwned):
    """A professional who receives the municipality's nominations (the visitation team):
    sees them, merges duplicates, accepts or declines, and sends the invitations."""

    professional = models.OneToOneField(
        Professional,
        verbose_name=_("professional"),
        on_delete=models.CASCADE,
        related_name="nomination_handler",
    )

    class Meta:
        verbose_name = _("nomination handler")
        verbose_name_plural = _("nomination handlers")

    def __str__(self):
        return str(self.professional)


class NominationStatus(models.TextChoices):
    OPEN = "open", _("Awaiting decision")
    MERGED = "merged", _("Merged with another nomination")
    ACCEPTED = "accepted", _("Accepted: the citizen is invited")
    DECLINED = "declined", _("Declined")


class Nomination(MunicipalityOwned):
    """A professional's proposal that a citizen (or their household) is offered one plan."""

    cpr = models.CharField(_("CPR number"), max_length=11, help_text=_("DDMMYY-SSSS"))
    birth_date = models.DateField(_("birth date"), editable=False)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    whole_household = models.BooleanField(
        _("the whole household"),
        default=False,
        help_text=_("Tick if the household, not only this citizen, needs one plan."),
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("nominating department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("areas involved"), related_name="+", blank=True
    )
    reason = models.TextField(_("why one plan would help"), max_length=1000)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    nominator_name = models.CharField(_("nominated by"), max_length=150)
    created_at = models.DateTimeField(_("nominated"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=NominationStatus.choices, default=NominationStatus.OPEN
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    invitation = models.ForeignKey(
        "Invitation",
        verbose_name=_("invitation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nominations",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["municipality", "status"], name="nomination_status")]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def save(self, *args, **kwargs):
        parsed = cpr.parse(self.cpr)
        self.cpr = parsed.formatted
        self.birth_date = parsed.birth_date
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def masked_cpr(self) -> str:
        return cpr.mask(self.cpr)

    @property
    def outcome(self):
        """What the nominating professional sees: a merged nomination follows its target."""
        return self.merged_into if self.merged_into_id else self


class InvitationSource(models.TextChoices):
    NOMINATION = "nomination", _("Nomination")
    SCREENING = "screening", _("Screening")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Invited, awaiting answer")
    ACCEPTED = "accepted", _("Said yes: plan created")
    DECLINED = "declined", _("Said no")


class Invitation(MunicipalityOwned):
    """An offer of one plan to a citizen or a household. Saying no changes nothing in the
    help they already receive."""

    source = models.CharField(_("found through"), max_length=20, choices=InvitationSource.choices)
    kind = models.CharField(_("plan for"), max_length=20, choices=PlanKind.choices)
    round = models.ForeignKey(
        "ScreeningRound",
        verbose_name=_("screening round"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
    )
    created_at = models.DateTimeField(_("invited"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer_note = models.CharField(_("note"), max_length=500, blank=True)
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        first = self.people.first()
        return str(first) if first else str(self.pk)


class InvitedPerson(MunicipalityOwned):
    invitation = models.ForeignKey(
        Invitation, verbose_name=_("invitation"), on_delete=models.CASCADE, related_name="people"
    )
    cpr = models.CharField(_("CPR number"), max_length=11)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("invited person")
        verbose_name_plural = _("invited persons")
        ordering = ["order", "id"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.cpr = cpr.parse(self.cpr).formatted
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def masked_cpr(self) -> str:
        return cpr.mask(self.cpr)


# Screening -------------------------------------------------------------------------------


class IndicatorUse(models.TextChoices):
    SCORING = "scoring", _("Scoring: rules may give points for it")
    GROUP = "group", _("Group: only for the over-representation check, never points")


class Indicator(MunicipalityOwned):
    """An entry in the catalogue of indicators a department may report."""

    key = models.SlugField(
        _("key"),
        max_length=60,
        help_text=_("The name used in extracts and rules, e.g. years_on_benefits."),
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    is_health = models.BooleanField(
        _("health data"),
        default=False,
        help_text=_("Data about health (GDPR art. 9): needs a basis under art. 9(2)(g)."),
    )
    use = models.CharField(
        _("used for"), max_length=20, choices=IndicatorUse.choices, default=IndicatorUse.SCORING
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="indicator_unique_key")
        ]

    def __str__(self):
        return f"{self.name} ({self.key})"


class RuleSet(MunicipalityOwned):
    """A point system. Its rules change only by adding a version; every version is kept
    and published."""

    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("purpose"), blank=True)
    is_active = models.BooleanField(_("in force"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("point system")
        verbose_name_plural = _("point systems")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="ruleset_unique_name")
        ]

    def __str__(self):
        return self.name


class RuleVersion(MunicipalityOwned):
    rule_set = models.ForeignKey(
        RuleSet, verbose_name=_("point system"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    source = models.TextField(_("rules (TOML)"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("rule version")
        verbose_name_plural = _("rule versions")
        ordering = ["rule_set", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["rule_set", "number"], name="ruleversion_unique")
        ]

    def __str__(self):
        return f"{self.rule_set} v{self.number}"

    def save(self, *args, **kwargs):
        # A published version is never changed: a citizen must be able to read the exact
        # rules that proposed them.
        if self.pk is not None:
            raise TypeError("Rule versions are immutable; add a new version instead.")
        super().save(*args, **kwargs)

    def parsed(self, *, indicators=None):
        from enplan.targeting import rules

        return rules.parse(self.source, indicators=indicators)


def default_delete_after_days() -> int:
    return settings.ENPLAN_TARGETING_DELETE_AFTER_DAYS


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Collecting extracts")
    REVIEW = "review", _("Scored: candidates under review")
    CLOSED = "closed", _("Closed")
    DELETED = "deleted", _("Closed, extracts and scores deleted")


class ScreeningRound(MunicipalityOwned):
    name = models.CharField(_("name"), max_length=150)
    purpose = models.TextField(
        _("purpose"), help_text=_("Why the round is run, in plain words. Shown in the DPIA annex.")
    )
    rule_version = models.ForeignKey(
        RuleVersion, verbose_name=_("rules"), on_delete=models.PROTECT, related_name="rounds"
    )
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("catalogue of indicators"), related_name="rounds"
    )
    departments = models.ManyToManyField(
        Department, verbose_name=_("participating departments"), related_name="+"
    )
    reviewers = models.ManyToManyField(
        Professional,
        verbose_name=_("reviewers"),
        related_name="screening_rounds",
        blank=True,
        help_text=_(
            "Professionals from the participating departments who upload their department's "
            "extract and accept or reject candidates. They see pseudonyms only."
        ),
    )
    # The gate (GDPR art. 6(1)(e), 9(2)(g), 35 and 39).
    public_task_basis = models.BooleanField(
        _("legal basis: GDPR art. 6(1)(e)"),
        default=False,
        help_text=_(
            "Processing necessary for a task in the public interest or official authority."
        ),
    )
    national_legal_basis = models.TextField(
        _("the provision in Danish law"),
        blank=True,
        help_text=_("The act and section that lay down the task (GDPR art. 6(3))."),
    )
    health_data_basis = models.BooleanField(
        _("health data: GDPR art. 9(2)(g)"),
        default=False,
        help_text=_(
            "Substantial public interest on the basis of law. Needed for health indicators."
        ),
    )
    dpia_file_name = models.CharField(_("DPIA file"), max_length=200, blank=True)
    dpia_file = models.BinaryField(_("DPIA"), blank=True, default=b"", editable=False)
    dpia_approved_on = models.DateField(_("DPIA approved on"), null=True, blank=True)
    dpo_name = models.CharField(_("data protection officer"), max_length=150, blank=True)
    dpo_signed_on = models.DateField(_("DPO signed off on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    delete_after_days = models.PositiveSmallIntegerField(
        _("delete extracts and scores after (days)"),
        default=default_delete_after_days,
        help_text=_("Days after the round closes. 0 deletes at once."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    scored_at = models.DateTimeField(_("scored"), null=True, blank=True)
    # Scoring runs on the task queue (DuckDB on every core, up to 1 GB), never inside a web
    # request: set when a reviewer asks for it, cleared when the worker is done.
    scoring_requested_at = models.DateTimeField(
        _("scoring requested"), null=True, blank=True, editable=False
    )
    scoring_error = models.CharField(
        _("scoring error"), max_length=500, blank=True, default="", editable=False
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("extracts deleted"), null=True, blank=True)
    # Counts per step and the over-representation check; they outlive the deletion.
    counts = models.JSONField(_("counts"), default=dict, blank=True, editable=False)
    groups = models.JSONField(_("groups"), default=list, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(
        excluded_fields=[
            "dpia_file",
            "created_at",
            "counts",
            "groups",
            "scoring_requested_at",
            "scoring_error",
        ]
    )

    class Meta:
        verbose_name = _("screening round")
        verbose_name_plural = _("screening rounds")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status in (RoundStatus.OPEN, RoundStatus.REVIEW)


class Extract(MunicipalityOwned):
    """A department's pseudonymised extract, checked and stored as Parquet until the round's
    deletion date."""

    round = models.ForeignKey(
        ScreeningRound,
        verbose_name=pgettext_lazy("screening", "round"),
        on_delete=models.CASCADE,
        related_name="extracts",
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(_("file"), max_length=200)
    data = models.BinaryField(_("data"), editable=False)
    rows = models.PositiveIntegerField(_("rows"))
    persons = models.PositiveIntegerField(_("persons"))
    households = models.PositiveIntegerField(_("households"))
    per_indicator = models.JSONField(_("rows per indicator"), default=dict)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("extract")
        verbose_name_plural = _("extracts")
        ordering = ["department__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "department"], name="extract_per_department")
        ]

    def __str__(self):
        return self.file_name


class CandidateDecision(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Candidate(MunicipalityOwned):
    """A household the rules propose, known only by its pseudonym until the key holder
    re-identifies it after the reviewers have accepted it."""

    round = models.ForeignKey(
        ScreeningRound,
        verbose_name=pgettext_lazy("screening", "round"),
        on_delete=models.CASCADE,
        related_name="candidates",
    )
    rank = models.PositiveIntegerField(_("rank"))
    household = models.CharField(_("household (pseudonym)"), max_length=64)
    points = models.IntegerField(_("points"))
    # [{"person": pseudonym, "points": n, "rules": [[name, points], ...]}, ...]
    members = models.JSONField(_("members"), default=list)
    decision = models.CharField(
        _("decision"),
        max_length=20,
        choices=CandidateDecision.choices,
        default=CandidateDecision.PENDING,
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # Four eyes: a candidate is accepted for re-identification only when a second reviewer
    # approves what the first approved. The first approval is kept here until then.
    first_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("first approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    first_approved_at = models.DateTimeField(_("first approved"), null=True, blank=True)
    first_reason = models.TextField(_("first reviewer's reason"), blank=True)
    invitation = models.OneToOneField(
        Invitation,
        verbose_name=_("invitation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidate",
    )
    reidentified_at = models.DateTimeField(_("re-identified"), null=True, blank=True)
    # No history table: it would keep the pseudonyms after the round's data is deleted.
    # A decision is taken once, under a row lock, so two reviewers cannot overwrite each other.

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["round", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["round", "household"], name="candidate_once_per_round")
        ]

    def __str__(self):
        return f"#{self.rank}"

    @property
    def short_household(self) -> str:
        return self.household[:10]
