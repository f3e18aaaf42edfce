"""Who may start a process by hand, read from its diagram.

The diagram says who starts it: candidate starter groups / users on the process
(`camunda:candidateStarterGroups`, or SpiffArena-style properties of the same names), else
the candidates of its first task, else the lane that task (or the start event) sits in.
Whether a person may start it is asked of permissions.py (`may_start`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.models import ProcessDefinition
from engine.types import JSONDict


@dataclass(frozen=True)
class Starters:
    groups: frozenset[str]
    users: frozenset[str]


def _literal(values: Any) -> list[str]:
    """Names written in the diagram; expressions (resolved only at run time) are skipped."""
    return [str(v).strip() for v in values or [] if v and "$" not in str(v) and "{" not in str(v)]


def _manual_start(definition: ProcessDefinition) -> JSONDict | None:
    for meta in definition.elements.values():
        if meta.get("type") == "startEvent" and "starter_groups" in meta:
            return meta
    return None


def process_starters(definition: ProcessDefinition) -> Starters | None:
    """The groups and users that may start the process by hand; None when it has no
    none start event (it starts only by message or timer)."""
    start = _manual_start(definition)
    if start is None:
        return None
    groups, users = _literal(start.get("starter_groups")), _literal(start.get("starter_users"))
    if not groups and not users:
        first = definition.elements.get(start.get("first_task") or "", {})
        groups = _literal(first.get("candidate_groups"))
        users = _literal(first.get("candidate_users"))
        if not groups and not users:
            lane = first.get("lane") or start.get("lane") or ""
            groups = [lane] if lane else []
    return Starters(
        groups=frozenset(g.lower() for g in groups if g), users=frozenset(u for u in users if u)
    )
