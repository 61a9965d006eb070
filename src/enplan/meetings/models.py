from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from enplan.core.models import Municipality
from enplan.network.models import Actor
from enplan.plans.models import Plan, PlanMember


class ConversationType(models.Model):
    """A kind of conversation a meeting can cover (job, child welfare, health follow-up…),
    configured per municipality. Holding several in one meeting spares the citizen meetings."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT
    )
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


class Meeting(models.Model):
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT
    )
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


class Participant(models.Model):
    """Someone invited to a meeting: an actor from the network, or a member of the plan
    (the citizen). `attended` stays empty until the meeting is recorded; then False is a
    no-show, which the steering dashboard counts."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT
    )
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


class CitizenEvaluation(models.Model):
    """The citizen's short evaluation at the end of a meeting, four questions on 0–10."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="evaluations"
    )
    member = models.ForeignKey(
        PlanMember, verbose_name=_("citizen"), on_delete=models.PROTECT, related_name="+"
    )
    felt_heard = models.PositiveSmallIntegerField(_("I felt heard"), validators=SCORE)
    talked_about_what_matters = models.PositiveSmallIntegerField(
        _("We talked about what matters to me"), validators=SCORE
    )
    way_of_working_suited_me = models.PositiveSmallIntegerField(
        _("The way we worked suited me"), validators=SCORE
    )
    overall = models.PositiveSmallIntegerField(
        _("Overall the meeting was good for me"), validators=SCORE
    )
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

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
