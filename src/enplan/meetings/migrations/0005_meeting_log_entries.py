"""The entries a meeting wrote in the stafetlog (held, cancelled, decided) are linked from
the meeting's side, and are about the members invited to it, so the plan's own rule reads
them as the meeting is read."""

import django.db.models.deletion
from django.db import migrations, models


def link_the_entries(apps, schema_editor):
    LogEntry = apps.get_model("plans", "LogEntry")
    LogEntryAbout = apps.get_model("plans", "LogEntryAbout")
    MeetingLogEntry = apps.get_model("meetings", "MeetingLogEntry")
    Participant = apps.get_model("meetings", "Participant")
    entries = LogEntry.objects.filter(meeting__isnull=False).values_list(
        "pk", "meeting_id", "municipality_id"
    )
    invited: dict[int, list[int]] = {}
    for meeting_id, member_id in Participant.objects.filter(member__isnull=False).values_list(
        "meeting_id", "member_id"
    ):
        invited.setdefault(meeting_id, []).append(member_id)
    links, about = [], []
    for pk, meeting_id, municipality_id in entries.iterator():
        links.append(
            MeetingLogEntry(municipality_id=municipality_id, meeting_id=meeting_id, log_entry_id=pk)
        )
        about += [LogEntryAbout(log_entry_id=pk, member_id=m) for m in invited.get(meeting_id, [])]
    MeetingLogEntry.objects.bulk_create(links, batch_size=1000)
    LogEntryAbout.objects.bulk_create(about, batch_size=1000)


def unlink_the_entries(apps, schema_editor):
    LogEntry = apps.get_model("plans", "LogEntry")
    LogEntryAbout = apps.get_model("plans", "LogEntryAbout")
    MeetingLogEntry = apps.get_model("meetings", "MeetingLogEntry")
    for link in MeetingLogEntry.objects.all().iterator():
        LogEntry.objects.filter(pk=link.log_entry_id).update(meeting_id=link.meeting_id)
    LogEntryAbout.objects.filter(log_entry__in=MeetingLogEntry.objects.values("log_entry")).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0008_notification_email_wanted'),
        ('meetings', '0004_participant_actor_in_plans'),
        ('plans', '0009_log_entry_about_members'),
    ]

    operations = [
        migrations.CreateModel(
            name='MeetingLogEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('log_entry', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='meeting_link', to='plans.logentry', verbose_name='relay log entry')),
                ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='log_links', to='meetings.meeting', verbose_name='meeting')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='core.municipality', verbose_name='municipality')),
            ],
            options={
                'verbose_name': "meeting's log entry",
                'verbose_name_plural': "meetings' log entries",
            },
        ),
        migrations.RunPython(link_the_entries, unlink_the_entries),
    ]
