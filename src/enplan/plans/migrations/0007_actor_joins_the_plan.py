import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('network', '0003_merge_ratings_and_visibility'),
        ('core', '0008_notification_email_wanted'),
        ('organisation', '0001_initial'),
        ('plans', '0006_log_entry_meeting_protect'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # Actors belong to the plan: who is on it decides who may see it. The tables keep their
    # names (network_actor, network_historicalactor), so only Django's picture of the models
    # moves; nothing in the database changes.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalActor',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('professional', 'Professional'), ('private', 'Private person')], max_length=20, verbose_name='kind')),
                        ('name', models.CharField(blank=True, help_text='For private persons.', max_length=150, verbose_name='name')),
                        ('role', models.CharField(help_text="E.g. 'Caseworker, cash benefits', 'Grandmother', 'Football coach'.", max_length=200, verbose_name="role in the citizen's life")),
                        ('phone', models.CharField(blank=True, max_length=30, verbose_name='phone')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                        ('started_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='involved from')),
                        ('ended_on', models.DateField(blank=True, null=True, verbose_name='involved until')),
                        ('added_by_citizen', models.BooleanField(default=False, help_text='The citizen or family named this person, through the coordinator.', verbose_name='added by the citizen or family')),
                        ('visible_to_professionals', models.BooleanField(default=True, verbose_name='professionals may see this person')),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('added_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='added by')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('member', models.ForeignKey(blank=True, db_constraint=False, help_text='Leave empty when the person is there for the whole household.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.planmember', verbose_name='in the life of')),
                        ('municipality', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.municipality', verbose_name='municipality')),
                        ('plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.plan', verbose_name='plan')),
                        ('professional', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.professional', verbose_name='professional')),
                    ],
                    options={
                        'verbose_name': 'historical actor',
                        'verbose_name_plural': 'historical actors',
                        'db_table': 'network_historicalactor',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Actor',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('professional', 'Professional'), ('private', 'Private person')], max_length=20, verbose_name='kind')),
                        ('name', models.CharField(blank=True, help_text='For private persons.', max_length=150, verbose_name='name')),
                        ('role', models.CharField(help_text="E.g. 'Caseworker, cash benefits', 'Grandmother', 'Football coach'.", max_length=200, verbose_name="role in the citizen's life")),
                        ('phone', models.CharField(blank=True, max_length=30, verbose_name='phone')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                        ('started_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='involved from')),
                        ('ended_on', models.DateField(blank=True, null=True, verbose_name='involved until')),
                        ('added_by_citizen', models.BooleanField(default=False, help_text='The citizen or family named this person, through the coordinator.', verbose_name='added by the citizen or family')),
                        ('visible_to_professionals', models.BooleanField(default=True, verbose_name='professionals may see this person')),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('added_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='added by')),
                        ('member', models.ForeignKey(blank=True, help_text='Leave empty when the person is there for the whole household.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='actors', to='plans.planmember', verbose_name='in the life of')),
                        ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='core.municipality', verbose_name='municipality')),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actors', to='plans.plan', verbose_name='plan')),
                        ('professional', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='actor_roles', to='organisation.professional', verbose_name='professional')),
                    ],
                    options={
                        'verbose_name': 'actor',
                        'verbose_name_plural': 'actors',
                        'db_table': 'network_actor',
                        'ordering': ['kind', 'started_on', 'id'],
                        'indexes': [models.Index(fields=['professional', 'plan'], name='actor_professional_plan')],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('kind', 'professional'), ('professional__isnull', False)), models.Q(('kind', 'private'), ('professional__isnull', True), models.Q(('name', ''), _negated=True)), _connector='OR'), name='actor_professional_or_named_private'), models.CheckConstraint(condition=models.Q(('ended_on__isnull', True), ('ended_on__gte', models.F('started_on')), _connector='OR'), name='actor_ends_after_start')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
