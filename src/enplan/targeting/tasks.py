"""Background work: scoring a screening round, and deleting a closed round's extracts and
scores when its days are up."""

from django_tasks import task

from enplan.targeting import services
from enplan.targeting.models import ScreeningRound


@task()
def score_round(round_pk: int, user_pk: int, path: str = "") -> None:
    """Score a screening round on the worker: DuckDB on every core, up to 1 GB of memory,
    which no web request should wait for."""
    services.round_score_queued(round_pk=round_pk, user_pk=user_pk, path=path)


@task()
def delete_round_data(round_id: int) -> bool:
    screening_round = ScreeningRound.objects.filter(pk=round_id).first()
    if screening_round is None:
        return False
    return services.round_delete_data(screening_round=screening_round)
