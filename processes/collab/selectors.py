"""Reads: the comments of a target, or of a case with its tasks, ready to show."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from processes.access.targets import Target, may_edit_comment, may_remove_comment
from processes.collab.comments import edit_window
from processes.collab.markdown import render
from processes.collab.models import Attachment, Comment


def comments_on(*targets: Target) -> QuerySet[Comment]:
    where = Q(pk__in=[])
    for target in targets:
        where |= Q(target_kind=target.kind, target_id=target.pk)
    return Comment.objects.filter(where).select_related("author", "removed_by").order_by("id")


def case_comments(instance_id: int) -> QuerySet[Comment]:
    """A case's conversation: the comments on it and on each of its tasks."""
    from engine.models import HumanTask

    tasks = HumanTask.objects.filter(instance_id=instance_id).values("pk")
    where = Q(target_kind="case", target_id=instance_id) | Q(
        target_kind="task", target_id__in=tasks
    )
    return Comment.objects.filter(where).select_related("author", "removed_by").order_by("id")


def person_name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


@dataclass
class Shown:
    comment: Comment
    html: str
    author: str
    removed_by: str
    may_edit: bool
    may_remove: bool


def shown(user, comments) -> list[Shown]:
    window = edit_window()
    return [
        Shown(
            comment=c,
            html="" if c.is_removed else render(c.body),
            author=person_name(c.author),
            removed_by=person_name(c.removed_by),
            may_edit=may_edit_comment(user, c, window),
            may_remove=may_remove_comment(user, c),
        )
        for c in comments
    ]


def attachments_on(*targets: Target) -> QuerySet[Attachment]:
    where = Q(pk__in=[])
    for target in targets:
        where |= Q(target_kind=target.kind, target_id=target.pk)
    return Attachment.objects.filter(where).select_related("uploaded_by").order_by("id")


def case_attachments(instance_id: int) -> QuerySet[Attachment]:
    """A case's files: those on it and on each of its tasks."""
    from engine.models import HumanTask

    tasks = HumanTask.objects.filter(instance_id=instance_id).values("pk")
    where = Q(target_kind="case", target_id=instance_id) | Q(
        target_kind="task", target_id__in=tasks
    )
    return Attachment.objects.filter(where).select_related("uploaded_by").order_by("id")
