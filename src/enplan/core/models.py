from django.apps import apps
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Municipality(models.Model):
    """The tenant. Every row of personal data belongs to exactly one municipality."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.CharField(
        _("municipality code"),
        max_length=3,
        unique=True,
        help_text=_("The three-digit municipality code, e.g. 190 for Furesø."),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding:
            # The audit trail's head exists from the start, so that writing an event costs
            # the same for the first event as for every other.
            AuditChainHead.objects.get_or_create(
                municipality=self, defaults={"seq": 0, "hash": "0" * 64}
            )


class MunicipalityOwned(models.Model):
    """A row that belongs to exactly one municipality: every row of personal data, and the
    municipality's own configuration. Services copy the municipality from the plan or the
    user; every query is scoped by it (the tenancy check is `core.access`)."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT
    )

    class Meta:
        abstract = True


class Role(models.TextChoices):
    # A coordinator is not a role of its own: any professional can coordinate a plan.
    PROFESSIONAL = "professional", _("Professional")
    LEADER = "leader", _("Team leader")
    ADMIN = "admin", _("Administrator")
    # A citizen logs in with MitID to their own plan; the link is `plans.Citizen.user`.
    CITIZEN = "citizen", _("Citizen")
    # Holds the pseudonymisation key and alone turns accepted screening candidates back into
    # named citizens. Deliberately not a professional: the key holder sees no plans.
    KEY_HOLDER = "key_holder", _("Pseudonymisation key holder")
    # A department's own system (Momentum, DUBU, Nexus) reaching the plans through the API
    # with a client-credentials token. It acts as a professional of its department would,
    # on the department's behalf, and never logs in through a browser.
    SYSTEM = "system", _("Integrated system")


class User(AbstractUser):
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("Empty only for platform operators who belong to no municipality."),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.PROFESSIONAL
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


# Whoever asks: a logged-in user, or an anonymous visitor (the access rules answer both).
AnyUser = User | AnonymousUser


class AuditAction(models.TextChoices):
    VIEW = "view", pgettext_lazy("audit action", "Viewed")
    CREATE = "create", pgettext_lazy("audit action", "Created")
    CHANGE = "change", pgettext_lazy("audit action", "Changed")
    DELETE = "delete", pgettext_lazy("audit action", "Deleted")
    EXPORT = "export", pgettext_lazy("audit action", "Exported")
    REIDENTIFY = "reidentify", pgettext_lazy("audit action", "Re-identified")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Audit events are append-only.")

    def delete(self):
        raise TypeError("Audit events are append-only.")


# An audit event names the kind of record by its model's label ("plans.intervention").
# Events are never rewritten, so the events from before a model moved to another app keep
# its old label; this maps them to the label of today.
MOVED_OBJECT_TYPES = {
    "network.actor": "plans.actor",
    "progress.planprogression": "plans.planprogression",
}


def current_object_type(object_type: str) -> str:
    return MOVED_OBJECT_TYPES.get(object_type, object_type)


def object_types_of(label: str) -> list[str]:
    """Every label events may carry for the model with `label`: today's and its old ones."""
    return [label, *(old for old, new in MOVED_OBJECT_TYPES.items() if new == label)]


# Audit events about a list or figures across plans name what was looked at by a key of
# their own, not a model; these are their names in the audit list.
LOOKED_AT_ACROSS_PLANS = {
    "plans.caseload": _("List of citizens (My citizens)"),
    "api.plans": _("List of plans through the API"),
    "progress.steering": _("Steering figures"),
    "core.notifications": _("List of notices"),
    "targeting.nominations": _("List of nominations"),
    "targeting.my_nominations": _("List of my nominations"),
    "targeting.invitations": _("List of invitations"),
}


def object_type_label(object_type: str) -> str:
    """The Danish name of the kind of record an audit event points at ("indsats" for
    "plans.intervention"); the stored key itself when the model no longer exists."""
    if object_type in LOOKED_AT_ACROSS_PLANS:
        return str(LOOKED_AT_ACROSS_PLANS[object_type])
    if object_type.startswith("progress.steering."):
        return str(_("Steering figures, download"))
    try:
        return capfirst(apps.get_model(current_object_type(object_type))._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


class AuditEvent(MunicipalityOwned):
    """One read or write of a citizen's data: who, when, what, and from which page.

    Events are append-only: the application can add them but never change or remove them.
    Role and organisation are copied at the time of access, because the citizen's log must
    show who the person was then, not what they have become since.
    """

    at = models.DateTimeField(_("time"), default=timezone.now)
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.PROTECT, null=True, blank=True
    )
    actor_role = models.CharField(_("role"), max_length=100, blank=True)
    actor_organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    # Not a foreign key: the trail must outlive anything it points at.
    plan_id = models.BigIntegerField(_("plan"), null=True, blank=True)
    # The household member whose part the object is, so that the member's own log still
    # finds the event after the object is gone (a withdrawn step registration).
    member_id = models.BigIntegerField(_("household member"), null=True, blank=True)
    path = models.CharField(_("page"), max_length=500, blank=True)
    changed_fields = models.JSONField(_("changed fields"), default=list, blank=True)
    # The tamper-evident chain (core/auditchain.py): the event's place in its
    # municipality's trail, the hash of the event before it, and its own hash over its
    # content and that previous hash. A changed, removed or inserted event breaks it.
    seq = models.BigIntegerField(_("number in the trail"), null=True, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64, blank=True)
    hash = models.CharField(_("hash"), max_length=64, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        # On PostgreSQL the time itself is indexed by a BRIN index (migration 0011): events
        # arrive in time order, so a few kilobytes index a hundred million rows.
        indexes = [
            models.Index(fields=["municipality", "-at"], name="audit_municipality_at"),
            models.Index(fields=["plan_id", "-at"], name="audit_plan_at"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "seq"], name="audit_chain_position"),
        ]

    def __str__(self):
        at = formats.date_format(timezone.localtime(self.at), "SHORT_DATETIME_FORMAT")
        what = f"{object_type_label(self.object_type)} {self.object_id}".strip()
        return f"{at} · {self.get_action_display()} · {what}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Audit events are append-only.")


class AuditChainHead(models.Model):
    """The end of one municipality's audit trail: the last event's number and hash.

    Every new event locks this row, so two writers at the same moment queue up and the
    chain never forks; `audit_verify` checks that the trail still reaches it, so removing
    the newest events is noticed too.
    """

    municipality = models.OneToOneField(
        Municipality, on_delete=models.PROTECT, primary_key=True, related_name="+"
    )
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("end of the audit trail")
        verbose_name_plural = _("ends of the audit trail")

    def __str__(self):
        return f"{self.municipality_id}: {self.seq}"


class AuditCheckpoint(MunicipalityOwned):
    """Where the trail starts after `audit_prune` removed the events older than the
    retention period: the last removed event's number and hash, signed with the chain key,
    so the remaining trail can still be verified from here and the anchor cannot be forged
    without the key."""

    seq = models.BigIntegerField()
    hash = models.CharField(max_length=64)
    pruned_before = models.DateTimeField()
    removed = models.BigIntegerField()
    made_at = models.DateTimeField(default=timezone.now)
    signature = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit trail checkpoint")
        verbose_name_plural = _("audit trail checkpoints")
        ordering = ["-seq"]

    def __str__(self):
        return f"{self.municipality_id}: {self.seq}"


class NoticeKind(models.TextChoices):
    """The kinds of notice a user chooses how to be told about. A fixed list, so that the
    settings page names each in plain Danish and a new notice must be given one of them."""

    REMINDER = "reminder", _("Reminders about plans")
    CITIZEN_WROTE = "citizen_wrote", _("The citizen has written or given consent")
    HANDOVER = "handover", _("Change of coordinator")
    SURVEY = "survey", _("Surveys on coordination")
    NOMINATION = "nomination", _("Nominations of citizens")
    RECEIPT = "receipt", _("Receipts for your choices")
    MEETING = "meeting", _("Your meetings")
    OTHER = "other", _("Other notices")


# The kinds each role can receive; the settings page offers only these.
NOTICE_KINDS_FOR_ROLE: dict[str, list[NoticeKind]] = {
    Role.CITIZEN: [NoticeKind.RECEIPT, NoticeKind.HANDOVER, NoticeKind.MEETING, NoticeKind.OTHER],
}
# Professionals hear of meetings by the invitation e-mail with its calendar file.
NOTICE_KINDS_FOR_STAFF: list[NoticeKind] = [
    k for k in NoticeKind if k not in (NoticeKind.RECEIPT, NoticeKind.MEETING)
]


class NoticeChannel(models.TextChoices):
    APP = "app", _("Only in Én plan")
    EMAIL = "email", _("An e-mail each time something is waiting")
    DIGEST = "digest", _("One e-mail a day with a summary")


class Notification(MunicipalityOwned):
    """A notice for one user in the app (reminders and the like).

    `key` names what the notice is about, e.g. "intervention-not-started:42"; it is unique
    per user, which is how every reminder fires at most once.

    `fold_key` names a subject whose repeated notices are one notice with a count (five
    comments from the citizen on one plan): while the notice is unread, the next one about
    the same subject raises its count; once read, the next one starts a new notice.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notifications"
    )
    key = models.CharField(_("key"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=NoticeKind.choices, default=NoticeKind.OTHER
    )
    fold_key = models.CharField(_("fold key"), max_length=200, blank=True, default="")
    count = models.PositiveIntegerField(_("count"), default=1)
    text = models.CharField(_("text"), max_length=500)
    url = models.CharField(_("link"), max_length=500, blank=True)
    plan_id = models.BigIntegerField(_("plan"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # The time of the latest notice folded into this one; the list is ordered by it.
    latest_at = models.DateTimeField(_("latest"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # Whether an e-mail is to announce the notice; until `emailed_at` is set, it is still
    # to be sent (the mail server may have failed), and a later run tries again.
    email_wanted = models.BooleanField(_("announce by e-mail"), default=False)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-latest_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_user"),
            # At most one unread notice per subject: two workers folding at once cannot
            # both start a new one.
            models.UniqueConstraint(
                fields=["user", "fold_key"],
                condition=models.Q(read_at__isnull=True) & ~models.Q(fold_key=""),
                name="notification_one_unread_per_fold",
            ),
        ]

    def __str__(self):
        return self.text


class NoticePreference(MunicipalityOwned):
    """How a user wants to be told about one kind of notice. Without a row, the user gets
    an e-mail each time (the announcement that something is waiting)."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notice_preferences"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    channel = models.CharField(
        _("how"), max_length=10, choices=NoticeChannel.choices, default=NoticeChannel.EMAIL
    )

    class Meta:
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notice_preference_once")
        ]

    def __str__(self):
        return f"{self.user} {self.kind} {self.channel}"


class NoticeDigest(models.Model):
    """The daily summary e-mail sent to a user on a day: one per user and local date, claimed
    before sending so that two runs never both send it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("notice digest")
        verbose_name_plural = _("notice digests")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="notice_digest_daily")]

    def __str__(self):
        return f"{self.user} {self.day}"


class FormSubmission(models.Model):
    """A form's one-time token, kept when the form's write is saved, so that the same form
    sent twice (a double-clicked *Gem*, a repeated request) writes once
    (`core.forms.OnceForm`). Only the token is kept, never what the form held."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        "core.User", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self):
        return self.token
