"""The period a report covers: the last 3, 6, 12 or 24 months, the current month included,
chosen on the page with `?months=`."""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PERIODS = {3: _("Last 3 months"), 6: _("Last 6 months"), 12: _("Last 12 months")}
PERIODS[24] = _("Last 24 months")
DEFAULT_MONTHS = 12
CENT, STEP = Decimal("0.01"), Decimal("0.001")


@dataclass(frozen=True)
class Period:
    months: int
    first: date  # the first day of its first month
    today: date

    @classmethod
    def from_query(cls, query, today: date | None = None) -> "Period":
        raw = query.get("months", "")
        months = int(raw) if raw.isdigit() and int(raw) in PERIODS else DEFAULT_MONTHS
        today = today or timezone.localdate()
        first = today.replace(day=1) - relativedelta(months=months - 1)
        return cls(months=months, first=first, today=today)

    @property
    def start(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.first, time.min))


def cents(value) -> Decimal:
    """A sum as money (SQLite hands sums back as floats, or without their decimal places)."""
    return Decimal(str(value or 0)).quantize(CENT)


def quantity(value) -> Decimal:
    """A sum as a quantity, to the thousandth as quantities are stored."""
    return Decimal(str(value or 0)).quantize(STEP)
