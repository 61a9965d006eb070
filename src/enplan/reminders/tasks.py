from django_tasks import task

from enplan.core.forms import forget_old_form_tokens
from enplan.core.notifications import send_digests
from enplan.reminders.services import send_due_reminders


@task()
def send_reminders() -> dict:
    """The reminder scan, on the task queue, with the daily summaries of notices (sent by
    the first scan from the morning hour) and the housekeeping of the one-time form tokens.
    Safe to run any number of times."""
    result = send_due_reminders().as_dict()
    digests = send_digests()
    result["digests_sent"], result["digests_failed"] = digests.sent, digests.failed
    forget_old_form_tokens()
    return result
