from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from enplan.core import cpr, search
from enplan.core.models import MunicipalityOwned
from enplan.organisation.models import Area, Department, Legislation, Professional, StepModel


class LifeArea(models.TextChoices):
    """The shared goal areas used across departments, so that goals can be read together."""

    JOB = "job", _("Job")
    EDUCATION = "education", _("Education")
    FAMILY = "family", _("Family")
    HEALTH = "health", _("Health")
    HOUSING = "housing", _("Housing")
    ECONOMY = "economy", _("Economy")
    NETWORK = "network", _("Network and leisure")
    OTHER = "other", _("Other")


class Citizen(MunicipalityOwned):
    cpr = models.CharField(_("CPR number"), max_length=11, help_text=_("DDMMYY-SSSS"))
    birth_date = models.DateField(_("birth date"), editable=False)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    # The name folded for search (core.search.fold), kept on save; trigram-indexed on
    # PostgreSQL (migration 0012).
    search_name = models.CharField(max_length=201, blank=True, default="", editable=False)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # The citizen's own login, made the first time they log in with MitID. The CPR number
    # from MitID is the identity; the user row only carries the session.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="citizen",
    )

    # A corrected name or CPR number stays answerable: what it was, who changed it, when.
    history = HistoricalRecords(excluded_fields=["user"])

    class Meta:
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")
        ordering = ["first_name", "last_name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "cpr"], name="citizen_unique_cpr")
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        parsed = cpr.parse(self.cpr)
        self.cpr = parsed.formatted
        self.birth_date = parsed.birth_date
        self.search_name = search.fold(self.full_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"first_name", "last_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def masked_cpr(self) -> str:
        return cpr.mask(self.cpr)

    @property
    def age(self) -> int:
        return cpr.age_on(self.birth_date, timezone.localdate())


class PlanKind(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    HOUSEHOLD = "household", _("Household")


class PlanStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")
    # Created by mistake: hidden from everyone, kept for the audit period, then deleted
    # (`delete_annulled_plans`). Not a status a user chooses in the settings.
    ANNULLED = "annulled", _("Annulled")


class Plan(MunicipalityOwned):
    """The one plan: for a citizen, or for a household whose members share it."""

    kind = models.CharField(_("plan for"), max_length=20, choices=PlanKind.choices)
    title = models.CharField(
        _("name"),
        max_length=150,
        help_text=_("The citizen's name, or the household's, e.g. 'Familien Holm'."),
    )
    coordinator = models.ForeignKey(
        Professional,
        verbose_name=_("coordinator"),
        on_delete=models.PROTECT,
        related_name="coordinated_plans",
    )
    review_date = models.DateField(_("next review"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.ACTIVE
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    annulled_at = models.DateTimeField(_("annulled"), null=True, blank=True, editable=False)
    annulled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("annulled by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )
    annulment_reason = models.TextField(_("reason for the annulment"), blank=True)
    # The day the plan was created, or its first step registration if that is earlier;
    # kept by the staircase (progress.models), read by the steering figures' cost.
    start_on = models.DateField(_("start"), default=timezone.localdate, editable=False)

    history = HistoricalRecords(excluded_fields=["created_at", "created_by", "start_on"])

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["title"]
        indexes = [models.Index(fields=["municipality", "coordinator"], name="plan_coordinator")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self._state.adding:
            self.start_on = timezone.localdate(self.created_at)
        elif kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            # The start is moved by step registrations on the database row: a plan read
            # before a registration must not write its old start back.
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "start_on"
            ]
        super().save(*args, **kwargs)
        # One citizen, one active plan: the members carry whether their plan is active, so
        # the database can hold the rule (`one_active_plan_per_citizen`).
        self.members.exclude(plan_is_active=self.is_active).update(plan_is_active=self.is_active)

    @property
    def is_active(self) -> bool:
        return self.status == PlanStatus.ACTIVE


class MemberRole(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    PARENT = "parent", _("Parent")
    PARTNER = "partner", _("Partner")
    CHILD = "child", _("Child")
    OTHER = "other", _("Other household member")


class PlanMember(MunicipalityOwned):
    """A citizen the plan is for, with their own wishes in their own words."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="members"
    )
    citizen = models.ForeignKey(
        Citizen, verbose_name=_("citizen"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices)
    custodians = models.ManyToManyField(
        "self",
        verbose_name=_("custody holders"),
        symmetrical=False,
        blank=True,
        related_name="children_in_custody",
        help_text=_("The adult members who have custody of this child."),
    )
    wishes = models.TextField(
        _("the most important thing for me"),
        blank=True,
        help_text=_("The citizen's own wishes and dreams, in their own words."),
    )
    goal_areas = models.JSONField(
        _("shared goals"),
        default=list,
        blank=True,
        help_text=_("The life areas the shared goals are about."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The member's own choices on the citizen's side (enplan.core.policy reads them).
    shares_with_household = models.BooleanField(
        _("shares their part with the household"),
        default=False,
        help_text=_("The other members who log in may see this member's own part of the plan."),
    )
    hides_writing_from_custodians = models.BooleanField(
        _("hides what they write from their parents"),
        default=False,
        help_text=_("A young person of 15 or more can keep what they write to themselves."),
    )
    # A copy of `plan.status == active`, kept by Plan.save and PlanMember.save, for the
    # partial unique constraint below: a constraint cannot reach across tables.
    plan_is_active = models.BooleanField(default=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["order", "plan_is_active"])

    # Set by the plan page's selector: the custody holders the viewer may see.
    visible_custodians: list["PlanMember"]

    class Meta:
        verbose_name = _("plan member")
        verbose_name_plural = _("plan members")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "citizen"], name="member_once_per_plan"),
            models.UniqueConstraint(
                fields=["citizen"],
                condition=models.Q(plan_is_active=True),
                name="one_active_plan_per_citizen",
                violation_error_message=_("The citizen already has a shared plan."),
            ),
        ]

    def __str__(self):
        return str(self.citizen)

    def save(self, *args, **kwargs):
        self.plan_is_active = self.plan.is_active
        super().save(*args, **kwargs)

    @property
    def goal_area_labels(self) -> list[str]:
        labels = dict(LifeArea.choices)
        return [labels.get(key, key) for key in self.goal_areas]

    @property
    def is_adult(self) -> bool:
        return self.citizen.age >= 18


class GoalStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    DROPPED = "dropped", _("Dropped")


class Goal(MunicipalityOwned):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals"
    )
    member = models.ForeignKey(
        PlanMember,
        verbose_name=_("for"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goals",
        help_text=_("Leave empty for a goal the whole household shares."),
    )
    title = models.CharField(_("goal"), max_length=300)
    life_area = models.CharField(_("life area"), max_length=20, choices=LifeArea.choices)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.NOT_STARTED
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["target_date", "id"]

    def __str__(self):
        return self.title


class InterventionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")
    CANCELLED = "cancelled", _("Cancelled")


# These have begun, so the actual start is known: an effort marked active without it would
# hide the deviation the plan page warns about (agreed start passed, nothing started). A
# pause can come before the start (waiting for the citizen), with its reason.
STATUSES_NEEDING_ACTUAL_START = {InterventionStatus.ACTIVE, InterventionStatus.ENDED}

# A reason is required for these, so the next person knows why an effort stopped.
STATUSES_NEEDING_REASON = {
    InterventionStatus.PAUSED,
    InterventionStatus.ENDED,
    InterventionStatus.CANCELLED,
}


class Intervention(MunicipalityOwned):
    """A department's effort (indsats), granted under a law, towards one or more goals."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="interventions"
    )
    member = models.ForeignKey(
        PlanMember,
        verbose_name=_("for"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interventions",
        help_text=_("Leave empty for an effort for the whole household."),
    )
    title = models.CharField(_("intervention"), max_length=300)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    legislation = models.ForeignKey(
        Legislation, verbose_name=_("legal basis"), on_delete=models.PROTECT, related_name="+"
    )
    responsible = models.ForeignKey(
        Professional,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    goals = models.ManyToManyField(
        Goal, verbose_name=_("supports goals"), blank=True, related_name="interventions"
    )
    step = models.ForeignKey(
        "organisation.Step",
        verbose_name=_("moves towards step"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interventions",
        help_text=_("The step on the plan's staircase this effort is meant to help reach."),
    )
    agreed_start = models.DateField(_("agreed start"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InterventionStatus.choices,
        default=InterventionStatus.PLANNED,
    )
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    monthly_cost = models.DecimalField(
        _("monthly cost (DKK)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["created_at"])

    # Set by the plan page's selector: whether the viewer may change this effort.
    may_change: bool

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["agreed_start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(monthly_cost__isnull=True) | Q(monthly_cost__gte=0),
                name="intervention_cost_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(actual_start__isnull=True)
                | Q(end_date__gte=models.F("actual_start")),
                name="intervention_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def is_overdue_on(self, day) -> bool:
        """The agreed start has passed and nobody has recorded that the effort started."""
        return (
            self.agreed_start is not None
            and self.agreed_start < day
            and self.actual_start is None
            and self.status == InterventionStatus.PLANNED
        )


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("Written")
    ORAL = "oral", _("Oral")
    DIGITAL = "digital", _("Digital")


class Consent(MunicipalityOwned):
    """The citizen's consent to share the plan with departments and areas.

    An adult member consents for themselves and the children in their custody; the scope
    lists who may see and contribute. Withdrawal is a date, never a deletion, so the plan's
    history shows what was shared when.
    """

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="consents"
    )
    given_by = models.ForeignKey(
        PlanMember, verbose_name=_("given by"), on_delete=models.PROTECT, related_name="+"
    )
    covers = models.ManyToManyField(
        PlanMember,
        verbose_name=_("covers"),
        related_name="consents",
        help_text=_("The member giving consent, and the children in their custody."),
    )
    given_on = models.DateField(_("given on"))
    method = models.CharField(_("how"), max_length=20, choices=ConsentMethod.choices)
    departments = models.ManyToManyField(
        Department, verbose_name=_("departments"), blank=True, related_name="+"
    )
    areas = models.ManyToManyField(
        Area,
        verbose_name=_("whole areas"),
        blank=True,
        related_name="+",
        help_text=_("Every department in these areas."),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawal recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["recorded_at"])

    # Set by the plan page's selector: the members covered whom the viewer may see.
    visible_covers: list["PlanMember"]

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-id"]

    def __str__(self):
        return f"{self.given_by} {self.given_on:%d.%m.%Y}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class LogEntryKind(models.TextChoices):
    NOTE = "note", _("Note")
    CONTACT = "contact", _("Contact")
    # A context, because Django's admin translates a bare "Action" differently.
    ACTION = "action", pgettext_lazy("log entry kind", "Action")
    DECISION = "decision", _("Decision")
    DEVIATION = "deviation", _("Deviation from plan")


class LogEntry(MunicipalityOwned):
    """An entry in the stafetlog. Entries are never edited: a correction is a new entry,
    so everyone can trust that what they read is what was written."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="log_entries"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LogEntryKind.choices)
    occurred_on = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    author_name = models.CharField(_("author"), max_length=150)
    author_workplace = models.CharField(_("workplace"), max_length=200, blank=True)
    # Set when the citizen wrote the entry themselves on the citizen's side.
    citizen_author = models.ForeignKey(
        PlanMember,
        verbose_name=_("written by the citizen"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_internal = models.BooleanField(
        _("internal note"),
        default=False,
        help_text=_("Internal notes are not shown to the citizen on their own pages."),
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="log_entries",
    )
    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("intervention"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="log_entries",
    )
    # The household members whose own part the entry is about, when it is about some of
    # them only (what happened to a meeting to which only they were invited): it is then
    # read only by those who may see one of them. Empty: the whole household's.
    about_members = models.ManyToManyField(
        PlanMember,
        verbose_name=_("about the members"),
        through="LogEntryAbout",
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("relay log entry")
        verbose_name_plural = _("relay log entries")
        ordering = ["-occurred_on", "-created_at", "-id"]
        indexes = [models.Index(fields=["plan", "-occurred_on"], name="log_plan_occurred")]

    def __str__(self):
        return f"{self.occurred_on:%d.%m.%Y} {self.get_kind_display()}"


class LogEntryAbout(models.Model):
    """One member a stafetlog entry is about (`LogEntry.about_members`)."""

    log_entry = models.ForeignKey(LogEntry, on_delete=models.CASCADE, related_name="about")
    # PROTECT: an entry that lost the only member it is about would be read by everyone.
    member = models.ForeignKey(PlanMember, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("member a log entry is about")
        verbose_name_plural = _("members log entries are about")
        constraints = [
            models.UniqueConstraint(fields=["log_entry", "member"], name="log_entry_about_once")
        ]

    def __str__(self):
        return f"{self.log_entry_id}: {self.member_id}"


class CoordinatorHandover(MunicipalityOwned):
    """A change of coordinator: a recorded hand-over, so the relation to the citizen
    does not break silently when a coordinator leaves."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="handovers"
    )
    from_coordinator = models.ForeignKey(
        Professional, verbose_name=_("from"), on_delete=models.PROTECT, related_name="+"
    )
    to_coordinator = models.ForeignKey(
        Professional, verbose_name=_("to"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("hand-over note"))
    handed_over_at = models.DateTimeField(_("time"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("coordinator hand-over")
        verbose_name_plural = _("coordinator hand-overs")
        ordering = ["-handed_over_at"]

    def __str__(self):
        return f"{self.from_coordinator} → {self.to_coordinator}"


class ActorKind(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    PRIVATE = "private", _("Private person")


class ActorQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(Q(started_on__lte=day), Q(ended_on__isnull=True) | Q(ended_on__gte=day))


class Actor(MunicipalityOwned):
    """A person in the citizen's network: a professional, or a private person (family,
    friends, a mentor). A professional who is an active actor may see the plan, within the
    citizen's consent."""

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
    # The tables keep the names they had when actors were kept with the network map.
    history = HistoricalRecords(table_name="network_historicalactor")

    class Meta:
        db_table = "network_actor"
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


class PlanProgression(MunicipalityOwned):
    """Which step model a plan follows. Chosen once; fixed from the first registration."""

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

    # The tables keep the names they had when this was kept with progress.
    history = HistoricalRecords(
        excluded_fields=["chosen_at"], table_name="progress_historicalplanprogression"
    )

    class Meta:
        db_table = "progress_planprogression"
        verbose_name = _("plan's step model")
        verbose_name_plural = _("plans' step models")

    def __str__(self):
        return f"{self.plan}: {self.step_model}"
