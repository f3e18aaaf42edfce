"""The period a report covers, chosen on the page with `?months=`: the last month (the
previous calendar month, `last`), or the last 3, 6, 12 or 24 months, the current month
included."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# `?months=`: the previous calendar month, or the last months with the current one.
LAST_MONTH = "last"
PERIODS = {
    LAST_MONTH: _("Last month"),
    "3": _("Last 3 months"),
    "6": _("Last 6 months"),
    "12": _("Last 12 months"),
    "24": _("Last 24 months"),
}
DEFAULT = "12"
CENT, STEP = Decimal("0.01"), Decimal("0.001")


@dataclass(frozen=True)
class Period:
    months: int
    first: date  # the first day of its first month
    today: date
    until: date | None = None  # the day after its last; None: it runs to today included

    @classmethod
    def from_query(cls, query, today: date | None = None) -> "Period":
        raw = str(query.get("months", ""))
        key = raw if raw in PERIODS else DEFAULT
        today = today or timezone.localdate()
        this_month = today.replace(day=1)
        if key == LAST_MONTH:
            return cls(months=1, first=this_month - relativedelta(months=1), today=today,
                       until=this_month)  # fmt: skip
        months = int(key)
        return cls(months=months, first=this_month - relativedelta(months=months - 1), today=today)

    @property
    def key(self) -> str:
        """What `?months=` says for it."""
        return LAST_MONTH if self.until is not None else str(self.months)

    @property
    def last_day(self) -> date:
        return self.until - timedelta(days=1) if self.until is not None else self.today

    @property
    def start(self) -> datetime:
        return _moment(self.first)

    def within(self, field: str) -> Q:
        """Records whose `field` (a moment) falls in the period."""
        q = Q(**{f"{field}__gte": self.start})
        if self.until is not None:
            q &= Q(**{f"{field}__lt": _moment(self.until)})
        return q


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def cents(value) -> Decimal:
    """A sum as money (SQLite hands sums back as floats, or without their decimal places)."""
    return Decimal(str(value or 0)).quantize(CENT)


def quantity(value) -> Decimal:
    """A sum as a quantity, to the thousandth as quantities are stored."""
    return Decimal(str(value or 0)).quantize(STEP)
