"""Setting up a municipality's organisation."""

import json
from pathlib import Path

from django.db import transaction

from enplan.core.models import Municipality
from enplan.organisation.models import Legislation

DEFAULT_LEGISLATION = Path(__file__).parent / "data" / "legislation.json"


@transaction.atomic
def legislation_load_defaults(*, municipality: Municipality) -> int:
    """Add the default Danish legislation catalogue; entries already there are left alone.

    Returns how many entries were added.
    """
    entries = json.loads(DEFAULT_LEGISLATION.read_text(encoding="utf-8"))
    existing = set(
        Legislation.objects.filter(municipality=municipality).values_list("short_name", flat=True)
    )
    new = [
        Legislation(municipality=municipality, short_name=e["short_name"], name=e["name"])
        for e in entries
        if e["short_name"] not in existing
    ]
    Legislation.objects.bulk_create(new)
    return len(new)
