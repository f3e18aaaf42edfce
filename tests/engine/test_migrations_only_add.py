"""The engine's migrations only add (docs/operations.md, "Upgrading while work goes on"):
the old code keeps running on the new schema for the minutes a rolling restart takes, so a
release never drops or renames a column or a table of the engine, and a new column has a
default or may be empty. A column goes only in a later release, once no code reads it —
and then the migration is listed here by name, with the release that stopped reading it."""

from django.db import migrations, models
from django.db.migrations.loader import MigrationLoader

APP = "engine"

# Written before the rule was checked; each dropped a column no released code read.
ALLOWED = {"0004_start_timer_interval", "0005_data_stored_once"}

TAKES_AWAY = (
    migrations.RemoveField,
    migrations.RenameField,
    migrations.DeleteModel,
    migrations.RenameModel,
    migrations.AlterModelTable,
)


def problems(loader: MigrationLoader) -> list[str]:
    found = []
    for (app, name), migration in sorted(loader.disk_migrations.items()):
        if app != APP or name in ALLOWED:
            continue
        created = {
            op.name_lower for op in migration.operations if isinstance(op, migrations.CreateModel)
        }
        for operation in migration.operations:
            where = f"{app}.{name}: {operation.describe()}"
            if isinstance(operation, TAKES_AWAY):
                found.append(f"{where} (takes away what running code reads)")
            elif (
                isinstance(operation, migrations.AddField)
                and operation.model_name_lower not in created
            ):
                field = operation.field
                optional = field.null or field.has_default() or field.has_db_default()
                if not optional:
                    found.append(f"{where} (a new column needs a default or null=True)")
    return found


def test_the_engines_migrations_only_add():
    assert problems(MigrationLoader(None, ignore_no_migrations=True)) == []


def test_a_dropped_or_renamed_column_is_found():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    bad = migrations.Migration("9999_takes_away", APP)
    bad.operations = [
        migrations.RemoveField("processinstance", "stage"),
        migrations.RenameField("humantask", "name", "title"),
        migrations.AddField("timer", "weight", models.IntegerField()),
    ]
    loader.disk_migrations[(APP, bad.name)] = bad
    found = problems(loader)
    assert len(found) == 3 and all("9999_takes_away" in line for line in found)
