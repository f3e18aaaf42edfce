from django import template

from processes.access.targets import Target
from processes.collab.attachments import max_bytes
from processes.collab.selectors import (
    attachments_on,
    case_attachments,
    case_comments,
    comments_on,
    shown,
)

register = template.Library()


@register.inclusion_tag("collab/_conversation.html", takes_context=True)
def conversation(context, kind: str, pk: int, case_id: int | None = None):
    """The comments card: a task's with its case's, or a case's with all its tasks'."""
    user = context["user"]
    target = Target(kind, pk)
    if kind == "case":
        comments = case_comments(pk)
    elif case_id:
        comments = comments_on(target, Target("case", case_id))
    else:
        comments = comments_on(target)
    return {
        "user": user,
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "target": str(target),
        "comments": shown(user, comments),
    }


@register.inclusion_tag("collab/_attachments.html", takes_context=True)
def attachments(context, kind: str, pk: int):
    """The files card of a case (its own and its tasks') or of a record; uploads go to it."""
    files = case_attachments(pk) if kind == "case" else attachments_on(Target(kind, pk))
    return {
        "user": context["user"],
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "target": str(Target(kind, pk)),
        "attachments": list(files),
        "limit": max_bytes(),
    }
