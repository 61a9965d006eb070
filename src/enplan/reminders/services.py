"""Sending the reminders that are due. Run by the task queue (`tasks.send_reminders`), or
straight from the command line (`manage.py send_reminders`)."""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone, translation

from enplan.core.models import NoticeKind, Notification, User
from enplan.core.notifications import email_unannounced, notify
from enplan.plans import access as plan_access
from enplan.reminders import rules


@dataclass
class ScanResult:
    sent: Counter = field(default_factory=Counter)
    already_sent: int = 0
    not_visible: int = 0
    # E-mails announcing notices: failed in this run, and sent now after failing before.
    emails_failed: int = 0
    emails_retried: int = 0

    def as_dict(self) -> dict:
        return {
            "sent": dict(self.sent),
            "already_sent": self.already_sent,
            "not_visible": self.not_visible,
            "emails_failed": self.emails_failed,
            "emails_retried": self.emails_retried,
        }


class _Visibility:
    """Whether a user may see a plan (and a member's parts of it), asked once per pair:
    a reminder must not tell anyone about a plan the access policy hides from them."""

    def __init__(self):
        self._plans: dict = {}
        self._members: dict = {}

    def allows(self, user: User, plan, member_id=None) -> bool:
        if not user.is_active:
            return False
        key = (user.pk, plan.pk)
        if key not in self._plans:
            self._plans[key] = plan_access.plans_visible_to(user).filter(pk=plan.pk).exists()
        if not self._plans[key]:
            return False
        if member_id is None:
            return True
        if key not in self._members:
            self._members[key] = plan_access.visible_member_ids(user, plan)
        return member_id in self._members[key]


def _already_sent(candidates) -> set[tuple[int, str]]:
    keys = {c.key for c in candidates}
    sent = set()
    chunk = sorted(keys)
    for start in range(0, len(chunk), 500):
        sent |= set(
            Notification.objects.filter(key__in=chunk[start : start + 500]).values_list(
                "user_id", "key"
            )
        )
    return sent


def send_due_reminders(now=None) -> ScanResult:
    """Apply every rule and notify each recipient once per reminder. The e-mails that
    failed on earlier runs (for reminders or any other notice) are sent first."""
    now = now or timezone.now()
    result = ScanResult()
    announced = email_unannounced()
    result.emails_retried, result.emails_failed = announced.sent, announced.failed
    visibility = _Visibility()
    # The notices are stored in the product's language, Danish, whoever triggers the scan.
    with translation.override(settings.LANGUAGE_CODE):
        for rule in rules.RULES:
            candidates = rules.recipients_in_municipality(rule(now))
            sent = _already_sent(candidates)
            for candidate in candidates:
                user = candidate.user
                if not visibility.allows(user, candidate.plan, candidate.member_id):
                    fallback = candidate.fallback
                    if fallback is None or not visibility.allows(
                        fallback, candidate.plan, candidate.member_id
                    ):
                        result.not_visible += 1
                        continue
                    user = fallback
                if (user.pk, candidate.key) in sent:
                    result.already_sent += 1
                    continue
                notice = notify(
                    user=user,
                    key=candidate.key,
                    text=candidate.text,
                    url=candidate.url,
                    plan=candidate.plan,
                    kind=NoticeKind.REMINDER,
                )
                sent.add((user.pk, candidate.key))
                if notice is None:
                    result.already_sent += 1
                    continue
                result.sent[rule.__name__] += 1
                if notice.email_wanted and notice.emailed_at is None:
                    result.emails_failed += 1
    return result
