"""manage.py restore ARCHIVE: into an empty database; refuses a newer or damaged archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.archive import ArchiveError
from operations.restore import restore_run


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database (then migrate it to this version)."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive, **options):
        try:
            restore_run(archive, progress=self.stdout.write)
        except ArchiveError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS("Restored."))
