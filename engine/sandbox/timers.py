"""Bounds on timer values: SpiffWorkflow counts a duration's months one by one, so a value
like `P99999999Y` would loop for minutes outside any time limit. A value longer than
MAX_TIMER_YEARS is refused before anything is computed: at deploy when the value is written
in the diagram, as an incident when an expression computes it.

A timer expression may also compute a `timedelta` or a `datetime` (SpiffArena's
`timedelta(hours=1)`, `datetime.now() + timedelta(days=2)`): `timer_text` writes it as the
ISO 8601 text SpiffWorkflow reads, for the kind of timer it is, and the bound then applies."""

import datetime as dt

from django.utils.translation import ngettext

from engine.runtime.spiff import (
    CycleTimerEventDefinition,
    DurationTimerEventDefinition,
    TimerEventDefinition,
    timer_module,
)

from .cron import cron_refusal, is_cron

MAX_TIMER_YEARS = 100
_MAX_DAYS = MAX_TIMER_YEARS * 366
_DAYS_PER: dict[str, float] = {"years": 366, "months": 31, "weeks": 7, "days": 1}
_DAYS_PER |= {"hours": 1 / 24, "minutes": 1 / 1440, "seconds": 1 / 86400}


def _days(duration: str) -> float:
    try:
        parsed = TimerEventDefinition.parse_iso_duration(duration)
    except Exception:  # noqa: BLE001 - a malformed value is reported by the timer itself
        return 0
    return sum(value * _DAYS_PER.get(name, 0) for name, value in parsed.items())


def timer_refusal(value: object) -> str | None:
    """Why a timer value (a duration, a date, an `R…/…` or cron cycle) is refused, or None."""
    if not isinstance(value, str):
        return None
    if is_cron(value.strip()):
        return cron_refusal(value.strip())
    text = value.strip().upper()
    parts = text.split("/") if text.startswith("R") else [text]
    for part in parts:
        if part.startswith("P") and _days(part) > _MAX_DAYS:
            return ngettext(
                "the timer value %(value)s is longer than %(years)s year",
                "the timer value %(value)s is longer than %(years)s years",
                MAX_TIMER_YEARS,
            ) % {
                "value": repr(value.strip()),
                "years": MAX_TIMER_YEARS,
            }
    return None


def iso_duration(value: dt.timedelta) -> str:
    """`timedelta(days=2, hours=1)` as `P2DT3600S`; a negative one is no wait (`PT0S`)."""
    if value <= dt.timedelta(0):
        return "PT0S"
    seconds = value.seconds + value.microseconds / 1_000_000
    days = f"{value.days}D" if value.days else ""
    time = f"T{seconds:g}S" if seconds else ""
    return f"P{days}{time}"


def _as_datetime(value: dt.date) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    if value.tzinfo is None:  # as SpiffWorkflow reads a date without an offset
        value = value.replace(tzinfo=timer_module.LOCALTZ)
    return value


def timer_text(value: object, definition: object, now: dt.datetime | None = None) -> object:
    """A timedelta, datetime or date computed by the timer expression of `definition`, as
    the ISO 8601 text of that kind of timer (a duration, a date, a cycle); any other value
    is given back as it is."""
    if not isinstance(value, dt.timedelta | dt.date):
        return value
    now = now or dt.datetime.now(dt.UTC)
    if isinstance(definition, DurationTimerEventDefinition | CycleTimerEventDefinition):
        wait = value if isinstance(value, dt.timedelta) else _as_datetime(value) - now
        duration = iso_duration(wait)
        return f"R/{duration}" if isinstance(definition, CycleTimerEventDefinition) else duration
    if isinstance(value, dt.timedelta):  # a date timer given a delay: that long from now
        too_long = value.days > _MAX_DAYS  # refused by its length (timer_refusal)
        return iso_duration(value) if too_long else (now + value).isoformat()
    return _as_datetime(value).isoformat()
