import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('progress', '0002_default_step_model'),
        ('core', '0008_notification_email_wanted'),
        ('organisation', '0001_initial'),
    ]

    # Step models are the municipality's configuration, as its areas and laws are. The tables
    # keep their names (progress_stepmodel, progress_step); nothing in the database changes.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='StepModel',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=150, verbose_name='name')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('is_default', models.BooleanField(default=False, help_text='Used for plans that have not chosen a model.', verbose_name='default')),
                        ('is_active', models.BooleanField(default=True, verbose_name='in use')),
                        ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='core.municipality', verbose_name='municipality')),
                    ],
                    options={
                        'verbose_name': 'step model',
                        'verbose_name_plural': 'step models',
                        'db_table': 'progress_stepmodel',
                        'ordering': ['-is_default', 'name'],
                    },
                ),
                migrations.CreateModel(
                    name='Step',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('order', models.PositiveSmallIntegerField(help_text='1 is the bottom step; a higher number is further up.', verbose_name='number')),
                        ('name', models.CharField(max_length=150, verbose_name='name')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('max_days', models.PositiveIntegerField(blank=True, help_text='E.g. 183 for six months. Leave empty for a step with no time limit.', null=True, verbose_name='maximum days on the step')),
                        ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='core.municipality', verbose_name='municipality')),
                        ('model', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='steps', to='organisation.stepmodel', verbose_name='step model')),
                    ],
                    options={
                        'verbose_name': 'step',
                        'verbose_name_plural': 'steps',
                        'db_table': 'progress_step',
                        'ordering': ['model', 'order'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='stepmodel',
                    constraint=models.UniqueConstraint(fields=('municipality', 'name'), name='step_model_unique_name'),
                ),
                migrations.AddConstraint(
                    model_name='stepmodel',
                    constraint=models.UniqueConstraint(condition=models.Q(('is_default', True)), fields=('municipality',), name='step_model_one_default'),
                ),
                migrations.AddConstraint(
                    model_name='step',
                    constraint=models.UniqueConstraint(fields=('model', 'order'), name='step_unique_order'),
                ),
            ],
            database_operations=[],
        ),
    ]
