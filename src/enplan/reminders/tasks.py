from django_tasks import task

from enplan.reminders.services import send_due_reminders


@task()
def send_reminders() -> dict:
    """The reminder scan, on the task queue. Safe to run any number of times."""
    return send_due_reminders().as_dict()
