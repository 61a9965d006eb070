import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0008_notification_email_wanted'),
        ('organisation', '0002_step_models_join_the_organisation'),
        ('plans', '0007_actor_joins_the_plan'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # Which step model a plan follows is the plan's own setting (the intervention's step is
    # checked against it). The tables keep their names; nothing in the database changes.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='historicalintervention',
                    name='step',
                    field=models.ForeignKey(blank=True, db_constraint=False, help_text="The step on the plan's staircase this effort is meant to help reach.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.step', verbose_name='moves towards step'),
                ),
                migrations.AlterField(
                    model_name='intervention',
                    name='step',
                    field=models.ForeignKey(blank=True, help_text="The step on the plan's staircase this effort is meant to help reach.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='interventions', to='organisation.step', verbose_name='moves towards step'),
                ),
                migrations.CreateModel(
                    name='HistoricalPlanProgression',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('chosen_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='chosen by')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('municipality', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.municipality', verbose_name='municipality')),
                        ('plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.plan', verbose_name='plan')),
                        ('step_model', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.stepmodel', verbose_name='step model')),
                    ],
                    options={
                        'verbose_name': "historical plan's step model",
                        'verbose_name_plural': "historical plans' step models",
                        'db_table': 'progress_historicalplanprogression',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='PlanProgression',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('chosen_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='chosen')),
                        ('chosen_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='chosen by')),
                        ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='core.municipality', verbose_name='municipality')),
                        ('plan', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='progression', to='plans.plan', verbose_name='plan')),
                        ('step_model', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='plans', to='organisation.stepmodel', verbose_name='step model')),
                    ],
                    options={
                        'verbose_name': "plan's step model",
                        'verbose_name_plural': "plans' step models",
                        'db_table': 'progress_planprogression',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
