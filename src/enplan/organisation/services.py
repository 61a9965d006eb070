"""Setting up a municipality's organisation."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from enplan.core.models import Municipality
from enplan.organisation.defaults import FURESOE_MODEL
from enplan.organisation.models import Legislation, Professional, Step, StepModel

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


@transaction.atomic
def external_contact_create(
    *, municipality_id: int, name: str, organisation: str, phone: str = "", email: str = ""
) -> Professional:
    """Register a contact outside the municipality's own departments (a GP, the police, a
    private provider) as a professional without a department, so every plan can choose them."""
    name, organisation = name.strip(), organisation.strip()
    if not name:
        raise ValidationError({"name": _("Write the person's name.")})
    if not organisation:
        raise ValidationError({"organisation": _("Write where the person works.")})
    # Compared in Python: SQLite folds the case of ASCII letters only, so "LÆGEHUSET" and
    # "Lægehuset" would be two places there.
    registered = Professional.objects.filter(
        municipality_id=municipality_id, department__isnull=True
    ).values_list("name", "organisation")
    if (name.casefold(), organisation.casefold()) in {
        (n.casefold(), o.casefold()) for n, o in registered
    }:
        raise ValidationError(
            {
                "name": _(
                    "%(name)s (%(organisation)s) is already registered. Choose them in the "
                    "list of professionals."
                )
                % {"name": name, "organisation": organisation}
            }
        )
    return Professional.objects.create(
        municipality_id=municipality_id,
        name=name[:150],
        organisation=organisation[:200],
        phone=phone.strip(),
        email=email.strip(),
    )


@transaction.atomic
def step_model_load_default(*, municipality) -> StepModel | None:
    """Give a municipality Furesø's staircase as its default model, unless it has a model."""
    if StepModel.objects.filter(municipality=municipality).exists():
        return None
    model = StepModel.objects.create(
        municipality=municipality,
        name=FURESOE_MODEL["name"],
        description=FURESOE_MODEL["description"],
        is_default=True,
    )
    Step.objects.bulk_create(
        Step(
            municipality=municipality,
            model=model,
            order=order,
            name=name,
            description=description,
            max_days=max_days,
        )
        for order, (name, description, max_days) in enumerate(FURESOE_MODEL["steps"], start=1)
    )
    return model
