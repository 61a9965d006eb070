from django_tasks import task

from enplan.targeting.services import round_score_queued


@task()
def score_round(round_pk: int, user_pk: int, path: str = "") -> None:
    """Score a screening round on the worker: DuckDB on every core, up to 1 GB of memory,
    which no web request should wait for."""
    round_score_queued(round_pk=round_pk, user_pk=user_pk, path=path)
