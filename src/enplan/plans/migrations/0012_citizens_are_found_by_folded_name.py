"""Citizens are found by their folded name (core.search.fold): a column kept on save,
filled here for the citizens already there, and on PostgreSQL a trigram index (pg_trgm)
so that a part of a name is found by the index. SQLite searches the column as it is."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

INDEX = "citizen_search_name_trgm"


def fill_search_names(apps, schema_editor):
    from enplan.core.search import fold

    Citizen = apps.get_model("plans", "Citizen")
    batch = []
    for citizen in Citizen.objects.only("pk", "first_name", "last_name").iterator(2000):
        citizen.search_name = fold(f"{citizen.first_name} {citizen.last_name}")
        batch.append(citizen)
        if len(batch) == 2000:
            Citizen.objects.bulk_update(batch, ["search_name"])
            batch = []
    Citizen.objects.bulk_update(batch, ["search_name"])


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON plans_citizen "
            "USING gin (search_name gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0011_one_active_plan_per_citizen"),
    ]

    operations = [
        migrations.AddField(
            model_name="citizen",
            name="search_name",
            field=models.CharField(blank=True, default="", editable=False, max_length=201),
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop, elidable=True),
        # CreateExtension does nothing on other databases.
        TrigramExtension(),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
