from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enplan.core.models import Municipality, MunicipalityOwned
from enplan.plans.models import Plan, PlanMember


class MeetingTopic(MunicipalityOwned):
    """Something the citizen wants to talk about at the next meeting, in their own words.

    Kept apart from the meeting itself: the citizen may write before any meeting is set,
    and the coordinator takes the open topics into the next one.
    """

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="meeting_topics"
    )
    member = models.ForeignKey(
        PlanMember, verbose_name=_("written by"), on_delete=models.PROTECT, related_name="+"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="citizen_topics",
        help_text=_("Empty until a meeting is planned."),
    )
    text = models.TextField(_("what I want to talk about"), max_length=2000)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    # Ticked off in the meeting that talked about it.
    talked_about_at = models.DateTimeField(_("talked about"), null=True, blank=True)

    class Meta:
        verbose_name = _("topic for a meeting")
        verbose_name_plural = _("topics for meetings")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.text[:60]


class PrivacyContact(models.Model):
    """Who a citizen contacts about their data, shown on the GDPR art. 15 page.

    One per municipality, kept by its administrator; the product ships sensible text
    for everything else on that page.
    """

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="privacy_contact",
    )
    controller = models.CharField(
        _("data controller"), max_length=200, help_text=_("E.g. 'Bøgeby Kommune'.")
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    dpo_name = models.CharField(_("data protection officer"), max_length=150, blank=True)
    dpo_email = models.EmailField(_("data protection officer's e-mail"), blank=True)
    dpo_phone = models.CharField(_("data protection officer's phone"), max_length=30, blank=True)
    retention = models.TextField(
        _("how long data is kept"),
        blank=True,
        help_text=_("Plain words, e.g. '5 years after the plan is closed'."),
    )
    accessibility_contact = models.EmailField(_("e-mail for accessibility problems"), blank=True)

    class Meta:
        verbose_name = _("privacy contact")
        verbose_name_plural = _("privacy contacts")

    def __str__(self):
        return self.controller
