from django_tasks import task

from enplan.core.forms import forget_old_form_tokens
from enplan.reminders.services import send_due_reminders


@task()
def send_reminders() -> dict:
    """The reminder scan, on the task queue, with the housekeeping of the one-time form
    tokens. Safe to run any number of times."""
    result = send_due_reminders().as_dict()
    forget_old_form_tokens()
    return result
