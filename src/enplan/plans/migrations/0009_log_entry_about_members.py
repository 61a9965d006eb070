"""A stafetlog entry can be about some members only; the entries a meeting wrote become
about its invited members in meetings 0005, and lose their meeting column in plans 0010."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0008_plan_follows_a_step_model'),
    ]

    operations = [
        migrations.CreateModel(
            name='LogEntryAbout',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('log_entry', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='about', to='plans.logentry')),
                ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='plans.planmember')),
            ],
            options={
                'verbose_name': 'member a log entry is about',
                'verbose_name_plural': 'members log entries are about',
            },
        ),
        migrations.AddField(
            model_name='logentry',
            name='about_members',
            field=models.ManyToManyField(blank=True, related_name='+', through='plans.LogEntryAbout', to='plans.planmember', verbose_name='about the members'),
        ),
        migrations.AddConstraint(
            model_name='logentryabout',
            constraint=models.UniqueConstraint(fields=('log_entry', 'member'), name='log_entry_about_once'),
        ),
    ]
