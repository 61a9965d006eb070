"""Municipalities that exist when the staircase arrives get Furesø's model as their default,
as every new municipality does (see `OrganisationConfig.ready`)."""

from django.db import migrations

from enplan.organisation.defaults import FURESOE_MODEL


def load_defaults(apps, schema_editor):
    Municipality = apps.get_model("core", "Municipality")
    StepModel = apps.get_model("progress", "StepModel")
    Step = apps.get_model("progress", "Step")
    for municipality in Municipality.objects.all():
        if StepModel.objects.filter(municipality=municipality).exists():
            continue
        model = StepModel.objects.create(
            municipality=municipality,
            name=FURESOE_MODEL["name"],
            description=FURESOE_MODEL["description"],
            is_default=True,
        )
        for order, (name, description, max_days) in enumerate(FURESOE_MODEL["steps"], start=1):
            Step.objects.create(
                municipality=municipality,
                model=model,
                order=order,
                name=name,
                description=description,
                max_days=max_days,
            )


class Migration(migrations.Migration):
    dependencies = [("progress", "0001_initial")]

    operations = [migrations.RunPython(load_defaults, migrations.RunPython.noop)]
