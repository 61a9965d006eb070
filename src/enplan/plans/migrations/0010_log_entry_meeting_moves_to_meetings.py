"""The link from a stafetlog entry to the meeting that wrote it is kept by meetings
(`MeetingLogEntry`, filled in meetings 0005), so plans no longer points up at meetings."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0009_log_entry_about_members"),
        ("meetings", "0005_meeting_log_entries"),
    ]

    operations = [
        migrations.RemoveField(model_name="logentry", name="meeting"),
    ]
