"""Retry cycles in Camunda's syntax (`R3/PT1S`): how often and how far apart to try again."""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.utils.dateparse import parse_duration

DEFAULT_CYCLE = "R3/PT30S"
_CYCLE = re.compile(r"^R(\d+)/(P.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class RetryCycle:
    attempts: int  # total attempts, the first one included
    interval: timedelta


def parse_cycle(text: str | None) -> RetryCycle:
    """`R3/PT1S` → 3 attempts one second apart; unreadable text falls back to the default."""
    for candidate in (text or "", DEFAULT_CYCLE):
        match = _CYCLE.match(candidate.strip().strip("'\""))
        if match and (interval := parse_duration(match.group(2))) is not None:
            return RetryCycle(max(1, int(match.group(1))), interval)
    raise AssertionError("the default cycle is valid")
