"""Camunda 7's cron timer cycles: a Quartz cron expression (`0 0 9 ? * MON-FRI`) in a
timer's timeCycle, besides ISO 8601's `R/…`.

Quartz writes seconds first, `?` for "no particular day", an optional year, and counts the
days of the week from 1 (Sunday) to 7. `croniter_text` writes the same schedule as croniter
reads it (seconds first, 0 = Sunday, `6L` → `L5`, `?` → `*`); `cron_refusal` names what
cannot be converted (`L-3`, `LW`, both a day of the month and of the week, …) and
`next_fire` gives the next moment after a given one, in the server's time zone.
"""

import datetime as dt
import re

from croniter import CroniterBadDateError, croniter
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

_FIELD = re.compile(r"^[0-9A-Za-z*?/,#-]+$")
_SECONDS = re.compile(r"^[0-9*/,-]+$")
_FIELD_NAMES = (
    pgettext_lazy("cron field", "seconds"),
    pgettext_lazy("cron field", "minutes"),
    pgettext_lazy("cron field", "hours"),
    pgettext_lazy("cron field", "day of the month"),
    pgettext_lazy("cron field", "month"),
    pgettext_lazy("cron field", "day of the week"),
    pgettext_lazy("cron field", "year"),
)
_DAY_OF_MONTH, _DAY_OF_WEEK = 3, 5
# How far ahead a next moment is looked for: as far as any timer may wait (timers.py).
_YEARS_AHEAD = 100
# The wildcard each field is probed against when one is refused (see _unreadable_field).
_PROBE = ["0", "0", "0", "*", "*", "*", "*"]


class CronRefused(ValueError):
    """A cron expression croniter cannot compute: the message names the construct."""


def is_cron(value: object) -> bool:
    """Whether a timer value is a Quartz cron expression (6 or 7 fields), not ISO 8601."""
    if not isinstance(value, str):
        return False
    fields = value.split()
    return (
        len(fields) in (6, 7)
        and all(_FIELD.match(f) for f in fields)
        and bool(_SECONDS.match(fields[0]))
    )


def _week_day(text: str) -> str:
    if not text.isdigit():
        return text  # a name (MON) or *: the same in both
    number = int(text)
    if not 1 <= number <= 7:
        raise CronRefused(text)
    return str(number - 1)


def _day_of_week(field: str) -> str:
    parts = []
    for part in field.split(","):
        if part == "L":
            parts.append("6")  # Quartz: L alone is the week's last day, Saturday
        elif match := re.fullmatch(r"(\w+)L", part):
            parts.append(f"L{_week_day(match.group(1))}")
        elif match := re.fullmatch(r"(\w+)#([1-5])", part):
            parts.append(f"{_week_day(match.group(1))}#{match.group(2)}")
        elif match := re.fullmatch(r"(\w+|\*)(?:-(\w+))?(?:/(\d+))?", part):
            first, last, step = match.groups()
            text = _week_day(first) + (f"-{_week_day(last)}" if last else "")
            parts.append(text + (f"/{step}" if step else ""))
        else:
            raise CronRefused(part)
    return ",".join(parts)


def croniter_text(quartz: str) -> str:
    """The Quartz expression as croniter reads it (with second_at_beginning); raises
    CronRefused naming what cannot be converted."""
    fields = quartz.split()
    if len(fields) not in (6, 7):
        raise CronRefused(_construct(quartz, quartz, 0))
    if fields[_DAY_OF_MONTH] not in ("?", "*") and fields[_DAY_OF_WEEK] not in ("?", "*"):
        raise CronRefused(
            _(
                "the cron expression %(value)s gives both a day of the month and a day "
                "of the week: write ? in one of them, as Quartz requires"
            )
            % {"value": repr(quartz)}
        )
    converted = [f.upper().replace("?", "*") for f in fields]
    for index, field in enumerate(converted):
        if index == _DAY_OF_WEEK:
            try:
                converted[index] = _day_of_week(field)
            except CronRefused as exc:
                raise CronRefused(_construct(quartz, str(exc), index)) from None
        elif index == _DAY_OF_MONTH and (match := re.search(r"L-\d+|LW", field)):
            raise CronRefused(_construct(quartz, match.group(0), index))
    text = " ".join(converted)
    if not croniter.is_valid(text, second_at_beginning=True):
        raise CronRefused(_unreadable_field(quartz, converted))
    return text


def _construct(quartz: str, construct: str, index: int) -> str:
    return _(
        "the cron expression %(value)s uses “%(construct)s” in its %(field)s field, which "
        "HyperCRM's cron timers cannot compute"
    ) % {"value": repr(quartz), "construct": construct, "field": _FIELD_NAMES[index]}


def _unreadable_field(quartz: str, converted: list[str]) -> str:
    original = quartz.split()
    for index, field in enumerate(converted):
        probe = _PROBE[: len(converted)]
        probe[index] = field
        if not croniter.is_valid(" ".join(probe), second_at_beginning=True):
            return _construct(quartz, original[index], index)
    return _construct(quartz, quartz, 0)


def cron_refusal(value: object) -> str | None:
    """Why a cron timer value is refused, or None (also None for a value that is no cron)."""
    if not is_cron(value):
        return None
    try:
        next_fire(str(value), dt.datetime.now(dt.UTC))
    except CronRefused as exc:
        return str(exc)
    except CroniterBadDateError:
        return _("the cron expression %(value)s names no moment from now on") % {
            "value": repr(value)
        }
    return None


def next_fire(quartz: str, after: dt.datetime) -> dt.datetime:
    """The first moment after `after` the expression names, in UTC (read in the server's
    time zone, as Camunda reads it in the JVM's)."""
    zone = timezone.get_default_timezone()
    moment = croniter(
        croniter_text(quartz),
        after.astimezone(zone),
        second_at_beginning=True,
        max_years_between_matches=_YEARS_AHEAD,
    )
    return moment.get_next(dt.datetime).astimezone(dt.UTC)
