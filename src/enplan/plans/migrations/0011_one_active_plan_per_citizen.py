"""One citizen, one active plan, held by the database: each member carries whether its plan
is active, and a partial unique constraint allows one active membership per citizen.

Before the constraint is made, existing data is checked. Duplicates cannot be resolved by a
migration (which plan is the citizen's is a coordinator's decision), so the migration
stops and names the plans by number only; see docs/access.md, "One citizen, one plan"."""

from django.db import migrations, models
from django.db.models import Count


def copy_plan_status(apps, schema_editor):
    PlanMember = apps.get_model("plans", "PlanMember")
    PlanMember.objects.exclude(plan__status="active").update(plan_is_active=False)
    doubles = (
        PlanMember.objects.filter(plan_is_active=True)
        .values("citizen")
        .annotate(plans=Count("plan", distinct=True))
        .filter(plans__gt=1)
        .values_list("citizen", flat=True)
    )
    if doubles:
        plans = sorted(
            PlanMember.objects.filter(citizen__in=list(doubles), plan_is_active=True)
            .values_list("plan_id", flat=True)
            .distinct()
        )
        raise RuntimeError(
            "Some citizens are members of more than one active plan (plan numbers "
            f"{', '.join(map(str, plans))}). Close the extra plans, then migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_user_role_integrated_system"),
        ("plans", "0010_log_entry_meeting_moves_to_meetings"),
    ]

    operations = [
        migrations.AddField(
            model_name="planmember",
            name="plan_is_active",
            field=models.BooleanField(default=True, editable=False),
        ),
        migrations.RunPython(copy_plan_status, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="planmember",
            constraint=models.UniqueConstraint(
                condition=models.Q(("plan_is_active", True)),
                fields=("citizen",),
                name="one_active_plan_per_citizen",
                violation_error_message="The citizen already has a shared plan.",
            ),
        ),
    ]
