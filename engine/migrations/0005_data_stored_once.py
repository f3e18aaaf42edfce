import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Process data is stored once, in the instance's state: the variables column keeps only
    an ended instance's variables, inbox rows no longer copy the data, and large values are
    pieces of their own, rewritten only when they change."""

    dependencies = [("engine", "0004_start_timer_interval")]

    operations = [
        migrations.RenameField("processinstance", "variables", "ended_variables"),
        migrations.RemoveField("humantask", "data"),
        migrations.CreateModel(
            name="InstancePiece",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("seq", models.PositiveIntegerField()),
                ("data", models.TextField()),
                (
                    "instance",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="pieces",
                        to="engine.processinstance",
                    ),
                ),
            ],
        ),
        migrations.AddConstraint(
            model_name="instancepiece",
            constraint=models.UniqueConstraint(
                fields=("instance", "seq"), name="instance_piece_unique"
            ),
        ),
    ]
