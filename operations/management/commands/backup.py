"""manage.py backup [--output FILE]: one archive of the database and the stored files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backup import backup_create


class Command(BaseCommand):
    help = "Back up the database (a consistent snapshot, while work goes on) and stored files."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="archive path (default: BACKUP_DIR)")

    def handle(self, *args, output=None, **options):
        try:
            path = backup_create(output=output, progress=self.stdout.write)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(str(path)))
