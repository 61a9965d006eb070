import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0008_plan_follows_a_step_model'),
        ('organisation', '0002_step_models_join_the_organisation'),
        ('progress', '0002_default_step_model'),
    ]

    # The step models moved to organisation and the plan's choice of model to plans; the
    # tables stay where they are.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='planprogression',
                    name='chosen_by',
                ),
                migrations.RemoveField(
                    model_name='planprogression',
                    name='municipality',
                ),
                migrations.RemoveField(
                    model_name='planprogression',
                    name='plan',
                ),
                migrations.RemoveField(
                    model_name='planprogression',
                    name='step_model',
                ),
                migrations.RemoveField(
                    model_name='step',
                    name='model',
                ),
                migrations.RemoveField(
                    model_name='step',
                    name='municipality',
                ),
                migrations.AlterField(
                    model_name='stepregistration',
                    name='step',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='registrations', to='organisation.step', verbose_name='step'),
                ),
                migrations.RemoveField(
                    model_name='stepmodel',
                    name='municipality',
                ),
                migrations.DeleteModel(
                    name='HistoricalPlanProgression',
                ),
                migrations.DeleteModel(
                    name='PlanProgression',
                ),
                migrations.DeleteModel(
                    name='Step',
                ),
                migrations.DeleteModel(
                    name='StepModel',
                ),
            ],
            database_operations=[],
        ),
    ]
