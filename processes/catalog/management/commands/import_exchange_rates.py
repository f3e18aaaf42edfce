"""manage.py import_exchange_rates rates.csv: exchange rates as records, from a file.

The CSV has a header `currency,day,rate[,source]` (day YYYY-MM-DD; rate: company currency
units for 1 unit of the currency, e.g. `USD,2026-12-04,0.9213,ECB`). Every row is checked
first; one bad row imports nothing and names the row.
"""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from engine.exceptions import InvalidData
from processes.catalog.services import exchange_rate_set


class Command(BaseCommand):
    help = "Import exchange rates (currency,day,rate[,source]) from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV file (UTF-8, with a header row).")

    def handle(self, *args, path: str, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"{path}: no such file.")
        with file.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
        if not rows or not {"currency", "day", "rate"} <= set(rows[0]):
            raise CommandError(f"{path}: the header must be currency,day,rate[,source].")
        with transaction.atomic():
            for number, row in enumerate(rows, start=2):
                try:
                    exchange_rate_set(
                        currency=row["currency"] or "",
                        day=row["day"] or "",
                        rate=row["rate"] or "",
                        source=row.get("source") or "",
                    )
                except InvalidData as error:
                    details = "; ".join(m for ms in error.errors.values() for m in ms)
                    raise CommandError(f"{path}, line {number}: {details or error}") from None
        self.stdout.write(f"{len(rows)} exchange rates imported from {path}.")
