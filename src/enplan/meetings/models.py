from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from enplan.core.models import Municipality, MunicipalityOwned
from enplan.plans.models import Actor, Goal, Intervention, LogEntry, Plan, PlanMember


class ConversationType(MunicipalityOwned):
    """A kind of conversation a meeting can cover (job, child welfare, health follow-up…),
    configured per municipality. Holding several in one meeting spares the citizen meetings."""

    name = models.CharField(_("name"), max_length=150)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("conversation type")
        verbose_name_plural = _("conversation types")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="conversation_type_unique_name"
            )
        ]

    def __str__(self):
        return self.name


class MeetingKind(models.TextChoices):
    NETWORK = "network", _("Network meeting with the citizen")
    PROFESSIONALS = "professionals", _("Professionals only")
    BILATERAL = "bilateral", _("Bilateral")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(MunicipalityOwned):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    conversation_types = models.ManyToManyField(
        ConversationType, verbose_name=_("conversations covered"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)
    purpose = models.CharField(
        _("purpose"),
        max_length=300,
        blank=True,
        help_text=_("What the meeting is for, in a sentence the citizen would recognise."),
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "created_by"])

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["plan", "starts_at"], name="meeting_plan_starts")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {timezone.localtime(self.starts_at):%d.%m.%Y %H:%M}"

    @property
    def finished_at(self):
        """When the meeting is over: its end, or its start when no end was given."""
        return self.ends_at or self.starts_at

    @property
    def with_citizen(self) -> bool:
        return self.kind == MeetingKind.NETWORK

    @property
    def is_open(self) -> bool:
        return self.status != MeetingStatus.CANCELLED


class Participant(MunicipalityOwned):
    """Someone invited to a meeting: an actor from the network, or a member of the plan
    (the citizen). `attended` stays empty until the meeting is recorded; then False is a
    no-show, which the steering dashboard counts."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="participants"
    )
    actor = models.ForeignKey(
        Actor,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_participations",
    )
    member = models.ForeignKey(
        PlanMember,
        verbose_name=_("citizen"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_participations",
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=(Q(actor__isnull=False) & Q(member__isnull=True))
                | (Q(actor__isnull=True) & Q(member__isnull=False)),
                name="participant_actor_or_member",
            ),
            models.UniqueConstraint(
                fields=["meeting", "actor"],
                name="participant_actor_once",
                condition=Q(actor__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["meeting", "member"],
                name="participant_member_once",
                condition=Q(member__isnull=False),
            ),
        ]

    def __str__(self):
        return str(self.actor or self.member)


SCORE = [MinValueValidator(0), MaxValueValidator(10)]


class EvaluationQuestion(models.TextChoices):
    # Fixed keys: the answers are stored under them, so a reworded question still counts
    # with the earlier answers in trends and on the steering group's dashboard. The labels
    # are the concepts' short names for staff pages.
    FELT_HEARD = "felt_heard", _("Listened to")
    TALKED_ABOUT_WHAT_MATTERS = "talked_about_what_matters", _("What matters to the citizen")
    WAY_OF_WORKING_SUITED_ME = "way_of_working_suited_me", _("How the meeting was run")
    OVERALL = "overall", _("Use of the meeting")


class EvaluationQuestionText(MunicipalityOwned):
    """A municipality's own wording of one of the evaluation's four questions, replacing
    ours (questions.py). The answers stay under the question's fixed key."""

    question = models.CharField(_("question"), max_length=40, choices=EvaluationQuestion.choices)
    text = models.CharField(
        _("text"),
        max_length=200,
        help_text=_("What the citizen reads, answered from 0 (not at all) to 10 (very much)."),
    )

    class Meta:
        verbose_name = _("evaluation question text")
        verbose_name_plural = _("evaluation question texts")
        ordering = ["question"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "question"], name="evaluation_question_text_once"
            )
        ]

    def __str__(self):
        return self.get_question_display()


class CitizenEvaluation(MunicipalityOwned):
    """The citizen's short evaluation at the end of a meeting, four questions on 0–10."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="evaluations"
    )
    member = models.ForeignKey(
        PlanMember, verbose_name=_("citizen"), on_delete=models.PROTECT, related_name="+"
    )
    # The fields are the fixed keys of `EvaluationQuestion`; their names are the concepts'
    # short names, and the questions the citizen reads are configurable (questions.py).
    felt_heard = models.PositiveSmallIntegerField(_("Listened to"), validators=SCORE)
    talked_about_what_matters = models.PositiveSmallIntegerField(
        _("What matters to the citizen"), validators=SCORE
    )
    way_of_working_suited_me = models.PositiveSmallIntegerField(
        _("How the meeting was run"), validators=SCORE
    )
    overall = models.PositiveSmallIntegerField(_("Use of the meeting"), validators=SCORE)
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    channel = models.CharField(
        _("entered"),
        max_length=20,
        choices=[
            ("screen", _("On the coordinator's screen")),
            ("link", _("Through a one-time link")),
        ],
        default="screen",
    )

    class Meta:
        verbose_name = _("citizen evaluation")
        verbose_name_plural = _("citizen evaluations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="evaluation_once"),
        ] + [
            models.CheckConstraint(condition=Q(**{f"{f}__lte": 10}), name=f"evaluation_{f}_max")
            for f in (
                "felt_heard",
                "talked_about_what_matters",
                "way_of_working_suited_me",
                "overall",
            )
        ]

    def __str__(self):
        return f"{self.meeting} {self.member}"

    SCORE_FIELDS = tuple(EvaluationQuestion.values)

    @property
    def scores(self) -> list[int]:
        return [getattr(self, name) for name in self.SCORE_FIELDS]

    @property
    def average(self) -> float:
        return sum(self.scores) / len(self.SCORE_FIELDS)


class MeetingSettings(models.Model):
    """A municipality's own choices for meetings, set by its administrator."""

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="meeting_settings",
    )
    low_score_threshold = models.PositiveSmallIntegerField(
        _("flag scores below"),
        default=5,
        validators=SCORE,
        help_text=_(
            "A citizen's evaluation with a score below this is flagged, so the coordinator "
            "talks about it at the next meeting."
        ),
    )
    evaluation_link_hours = models.PositiveSmallIntegerField(
        _("one-time links are valid for (hours)"),
        default=72,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
    )

    class Meta:
        verbose_name = _("meeting settings")
        verbose_name_plural = _("meeting settings")

    def __str__(self):
        return str(self.municipality)


class Theme(MunicipalityOwned):
    """A learning theme for recaps (preparation, the citizen's voice…), configured per
    municipality; the themes that keep coming up are taken to the next workshop."""

    name = models.CharField(_("name"), max_length=100)
    is_active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("learning theme")
        verbose_name_plural = _("learning themes")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="theme_unique_name")
        ]

    def __str__(self):
        return self.name


class AgendaItem(MunicipalityOwned):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("item"), max_length=300)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["order", "id"]

    def __str__(self):
        return self.title


class DecisionEffect(models.TextChoices):
    NONE = "none", _("Recorded on the meeting only")
    LOG = "log", _("Add to the log")
    GOAL_CREATE = "goal_create", _("New goal")
    GOAL_UPDATE = "goal_update", _("Change a goal")
    INTERVENTION_CREATE = "intervention_create", _("New intervention")
    INTERVENTION_UPDATE = "intervention_update", _("Change an intervention")


class Decision(MunicipalityOwned):
    """A decision made at a meeting, and what it changed on the plan.

    The change (a new or changed goal or intervention, a log entry) is written in the same
    transaction as the decision, so a decision never exists without its effect or vice versa.
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    text = models.TextField(_("decision"))
    effect = models.CharField(_("what it changes"), max_length=30, choices=DecisionEffect.choices)
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("intervention"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    log_entry = models.ForeignKey(
        LogEntry,
        verbose_name=_("relay log entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text[:80]


class MeetingLogEntry(MunicipalityOwned):
    """A stafetlog entry that tells what happened to a meeting (held, cancelled, decided).

    The entry is about the members invited to the meeting (`LogEntry.about_members`), so
    it is read by those who may see the meeting; this link says which meeting it was.
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="log_links"
    )
    log_entry = models.OneToOneField(
        LogEntry,
        verbose_name=_("relay log entry"),
        on_delete=models.CASCADE,
        related_name="meeting_link",
    )

    class Meta:
        verbose_name = _("meeting's log entry")
        verbose_name_plural = _("meetings' log entries")

    def __str__(self):
        return f"{self.meeting_id}: {self.log_entry_id}"


class EvaluationLink(MunicipalityOwned):
    """A one-time link the citizen opens on their own device to evaluate a meeting.

    Only a hash of the token is stored: the link itself is shown once, to the coordinator
    who hands it over, and a copy of the database cannot be used to answer in the citizen's
    name. The token has 256 random bits, so a plain SHA-256 cannot be reversed by guessing.
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey(
        PlanMember, verbose_name=_("citizen"), on_delete=models.PROTECT, related_name="+"
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # When the link was sent to the citizen by SMS: once per link. The number is not kept.
    sms_sent_at = models.DateTimeField(_("sent by SMS"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("evaluation link")
        verbose_name_plural = _("evaluation links")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.meeting} {self.member}"

    def is_usable_at(self, moment) -> bool:
        return self.used_at is None and self.revoked_at is None and moment < self.expires_at


class LearningRecap(MunicipalityOwned):
    """The professionals' short learning recap after a meeting."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="recap"
    )
    what_worked = models.TextField(_("what worked"), blank=True)
    do_differently = models.TextField(_("what to do differently next time"), blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="recaps"
    )
    tags = models.JSONField(_("own tags"), default=list, blank=True)
    quotable = models.BooleanField(
        _("may be quoted anonymously"),
        default=True,
        help_text=_(
            "Sentences from the recap may appear, without names, in the themes overview for "
            "the workshop."
        ),
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("learning recap")
        verbose_name_plural = _("learning recaps")

    def __str__(self):
        return str(self.meeting)
