"""Four foreign keys lose the index of their own: a composite index begins with each.

tasks.instance_id — task_instance_idx (instance, status); tasks.assignee_id —
task_mine_idx (assignee, status, priority, id); events.instance_id — event_instance_idx
(instance, id); candidates.task_id — candidate_unique (task, kind, name). A lookup by the
key alone reads the composite index's first column, so every step writes one index fewer
per task, event and candidate row.

Only the index is dropped (by its name, as the database reports it): altering the field
on SQLite would copy each table whole.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

COVERED = [  # (table, column)
    ("engine_humantask", "assignee_id"),
    ("engine_humantask", "instance_id"),
    ("engine_instanceevent", "instance_id"),
    ("engine_taskcandidate", "task_id"),
]


def _single_column_indexes(schema_editor, table, column):
    with schema_editor.connection.cursor() as cursor:
        constraints = schema_editor.connection.introspection.get_constraints(cursor, table)
    return [
        name
        for name, info in constraints.items()
        if info["index"]
        and not info["unique"]
        and not info["primary_key"]
        and info["columns"] == [column]
    ]


def drop_covered(apps, schema_editor):
    for table, column in COVERED:
        for name in _single_column_indexes(schema_editor, table, column):
            schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def restore_covered(apps, schema_editor):
    for table, column in COVERED:
        if not _single_column_indexes(schema_editor, table, column):
            name = schema_editor._create_index_name(table, [column])
            schema_editor.execute(
                f"CREATE INDEX {schema_editor.quote_name(name)} ON "
                f"{schema_editor.quote_name(table)} ({schema_editor.quote_name(column)})"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("engine", "0018_report_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop_covered, restore_covered)],
            state_operations=[
                migrations.AlterField(
                    model_name="humantask",
                    name="assignee",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="humantask",
                    name="instance",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tasks",
                        to="engine.processinstance",
                    ),
                ),
                migrations.AlterField(
                    model_name="instanceevent",
                    name="instance",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="events",
                        to="engine.processinstance",
                    ),
                ),
                migrations.AlterField(
                    model_name="taskcandidate",
                    name="task",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="candidates",
                        to="engine.humantask",
                    ),
                ),
            ],
        )
    ]
