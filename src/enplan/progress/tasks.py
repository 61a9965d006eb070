from django_tasks import task

from enplan.progress import kept


@task()
def keep_requested_figures(
    user_pk: int, start: str, end: str, group_key: str, key: str, requested_at: str
) -> None:
    """Steering figures a leader looked at and that were not kept, computed off the
    request (progress/kept.py, `steering_look`)."""
    kept.keep_requested(
        user_pk=user_pk,
        start=start,
        end=end,
        group_key=group_key,
        key=key,
        requested_at=requested_at,
    )
