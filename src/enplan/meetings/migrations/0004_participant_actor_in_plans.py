import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0003_relay_log_wording'),
        ('plans', '0007_actor_joins_the_plan'),
    ]

    # The actor model moved to plans; the column and its constraint stay as they are.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='participant',
                    name='actor',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='meeting_participations', to='plans.actor', verbose_name='actor'),
                ),
            ],
            database_operations=[],
        ),
    ]
