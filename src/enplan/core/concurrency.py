"""Optimistic locking: two people editing the same thing never silently overwrite each other.

Every editable record carries a `version`. A form sends back the version it was opened
with; the save succeeds only if the row still has that version. Otherwise nothing is
written and the caller gets an `EditConflict` describing what the other person changed,
taken from the record's history.
"""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import F
from django.utils import formats
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


class EditConflict(Exception):
    def __init__(self, *, changes: list[FieldChange], changed_by: str, changed_at, version: int):
        super().__init__("The record was changed by someone else.")
        self.changes = changes
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.current_version = version


def apply_changes(instance: Any, values: dict) -> list[str]:
    """Set `values` on `instance` and name the fields whose value differs from what was
    stored, so an unchanged save writes nothing and the audit names only real changes."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name, value in values.items():
        setattr(instance, name, value)
    return changed


# `instance` is any model with a `version` field and simple-history's `history`, which the
# type stubs cannot express.
def save_if_unchanged(instance: Any, *, expected_version: int) -> None:
    """Save `instance` if its row is still at `expected_version`; raise EditConflict if not.

    Must run inside a transaction: the guarded UPDATE takes the row lock, so a concurrent
    save waits and then finds the version moved on.
    """
    model = type(instance)
    bumped = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not bumped:
        conflict = conflict_since(instance, expected_version)
        # The caller set the refused values on the instance; the page that shows the
        # conflict must not show them as if they were saved (the plan's name, say).
        instance.refresh_from_db()
        raise conflict
    instance.version = expected_version + 1
    instance.save()


def conflict_since(instance: Any, expected_version: int) -> EditConflict:
    model = type(instance)
    history = instance.history.model
    current = model._default_manager.get(pk=instance.pk)
    seen = (
        history.objects.filter(id=instance.pk, version=expected_version)
        .order_by("-history_date")
        .first()
    )
    latest = (
        history.objects.filter(id=instance.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first()
    )
    changes = []
    if seen is not None:
        for field in _tracked_fields(model):
            before = getattr(seen, field.attname, None)
            after = getattr(current, field.attname)
            if before != after:
                changes.append(
                    FieldChange(
                        label=str(field.verbose_name).capitalize(),
                        before=display_value(field, before),
                        after=display_value(field, after),
                    )
                )
    changed_by = ""
    if latest is not None and latest.history_user is not None:
        changed_by = latest.history_user.get_full_name() or latest.history_user.username
    return EditConflict(
        changes=changes,
        changed_by=changed_by,
        changed_at=latest.history_date if latest else None,
        version=current.version,
    )


def _tracked_fields(model):
    skip = {"id", "version", "municipality", "plan", "created_at", "created_by"}
    return [f for f in model._meta.concrete_fields if f.name not in skip and f.editable]


def display_value(field: models.Field, value) -> str:
    """A value as a user would recognise it: labels for choices, names for references."""
    if value in (None, ""):
        return _("(empty)")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and field.related_model is not None:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    if isinstance(field, models.BooleanField):
        return str(_("Yes") if value else _("No"))
    if isinstance(field, models.DecimalField | models.IntegerField):
        # 18.500 or 18.500,50 – Danish grouping, and no ",00" on whole kroner.
        return formats.number_format(
            value, decimal_pos=0 if value == int(value) else 2, force_grouping=True
        )
    if isinstance(field, models.DateField):
        return formats.localize(value)
    return str(value)
