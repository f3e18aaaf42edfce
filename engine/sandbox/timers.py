"""Bounds on timer values: SpiffWorkflow counts a duration's months one by one, so a value
like `P99999999Y` would loop for minutes outside any time limit. A value longer than
MAX_TIMER_YEARS is refused before anything is computed: at deploy when the value is written
in the diagram, as an incident when an expression computes it."""

from engine.runtime.spiff import TimerEventDefinition

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
    """Why a timer value (a duration, a date or `R…/…` cycle) is refused, or None."""
    if not isinstance(value, str):
        return None
    text = value.strip().upper()
    parts = text.split("/") if text.startswith("R") else [text]
    for part in parts:
        if part.startswith("P") and _days(part) > _MAX_DAYS:
            return f"the timer value {value.strip()!r} is longer than {MAX_TIMER_YEARS} years"
    return None
