"""One timeline: a case's history or a customer's interactions, with the comments on them
in their place — who wrote each and when, a few words of it, a link to the whole."""

import heapq
import html
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator

from engine.models import HumanTask
from engine.selectors import instance_history
from processes.access.targets import Target
from processes.collab.markdown import render
from processes.collab.models import Comment
from processes.collab.selectors import case_comments, comments_on, person_name

EXCERPT = 160  # characters of a comment shown on the timeline
# History entries that hand a task from one person to another ({"from", "to"} user names).
HANDOVERS = frozenset({"task_assigned", "task_delegated", "task_resolved"})


@dataclass(frozen=True)
class CommentEntry:
    """A comment as one line of a timeline."""

    pk: int
    at: datetime
    author: str
    excerpt: str
    removed_by: str
    link: str
    on_task: str = ""
    is_comment: bool = True


def _excerpt(comment: Comment) -> str:
    text = html.unescape(strip_tags(render(comment.body))).strip()
    return Truncator(" ".join(text.split())).chars(EXCERPT)


def _entries(comments, task_names: dict[int, str] | None = None) -> list[CommentEntry]:
    task_names = task_names or {}
    entries = []
    for comment in comments:
        on_task = task_names.get(comment.target_id, "") if comment.target_kind == "task" else ""
        anchor = f"#comment-{comment.pk}"
        entries.append(
            CommentEntry(
                pk=comment.pk,
                at=comment.created_at,
                author=person_name(comment.author),
                excerpt="" if comment.is_removed else _excerpt(comment),
                removed_by=person_name(comment.removed_by) if comment.is_removed else "",
                # A task's comment is shown on its task's page; a case's on the case's pages.
                link=reverse("web:task", args=[comment.target_id]) + anchor
                if comment.target_kind == "task"
                else anchor,
                on_task=on_task,
            )
        )
    return entries


def _named_handovers(events: list) -> list:
    """Each hand-over entry with `handover_from` and `handover_to`: the people its user names
    name, by full name (the user name itself when nobody has it any more), read at once."""
    handovers = [event for event in events if event.type in HANDOVERS and event.data.get("to")]
    wanted = {event.data.get(side) for event in handovers for side in ("from", "to")} - {None, ""}
    people = {
        user.username: person_name(user)
        for user in get_user_model().objects.filter(username__in=sorted(wanted))
    } if wanted else {}  # fmt: skip
    for event in handovers:
        for side in ("from", "to"):
            name = event.data.get(side) or ""
            setattr(event, f"handover_{side}", people.get(name, name))
    return events


def case_timeline(instance_id: int) -> list:
    """The case's history and the comments on it and on its tasks, oldest first."""
    names = dict(HumanTask.objects.filter(instance_id=instance_id).values_list("pk", "name"))
    comments = _entries(case_comments(instance_id), names)
    history = _named_handovers(list(instance_history(instance_id)))
    return list(heapq.merge(history, comments, key=attrgetter("at")))


def record_timeline(kind: str, pk: int, items: list, *, limit: int = 50) -> list:
    """A record's items (newest first, each with `at`) and the comments on the record, newest
    first, at most `limit`."""
    comments = _entries(comments_on(Target(kind, pk)).order_by("-id")[:limit])
    merged = heapq.merge(items, comments, key=attrgetter("at"), reverse=True)
    return list(merged)[:limit]
