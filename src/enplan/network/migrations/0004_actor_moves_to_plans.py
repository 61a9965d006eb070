import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('network', '0003_merge_ratings_and_visibility'),
        ('plans', '0007_actor_joins_the_plan'),
        ('meetings', '0004_participant_actor_in_plans'),
    ]

    # The actor model moved to plans (plans 0007); its tables stay where they are.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='relationrating',
                    name='second',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='plans.actor', verbose_name='and'),
                ),
                migrations.AlterField(
                    model_name='relationrating',
                    name='first',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='plans.actor', verbose_name='between'),
                ),
                migrations.AlterField(
                    model_name='historicaldevelopmentpoint',
                    name='responsible',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.actor', verbose_name='responsible'),
                ),
                migrations.AlterField(
                    model_name='relationrating',
                    name='rater',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ratings_given', to='plans.actor', verbose_name='seen from'),
                ),
                migrations.AlterField(
                    model_name='developmentpoint',
                    name='responsible',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='development_points', to='plans.actor', verbose_name='responsible'),
                ),
                migrations.RemoveField(
                    model_name='historicalactor',
                    name='added_by',
                ),
                migrations.RemoveField(
                    model_name='historicalactor',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalactor',
                    name='member',
                ),
                migrations.RemoveField(
                    model_name='historicalactor',
                    name='municipality',
                ),
                migrations.RemoveField(
                    model_name='historicalactor',
                    name='plan',
                ),
                migrations.RemoveField(
                    model_name='historicalactor',
                    name='professional',
                ),
                migrations.DeleteModel(
                    name='Actor',
                ),
                migrations.DeleteModel(
                    name='HistoricalActor',
                ),
            ],
            database_operations=[],
        ),
    ]
