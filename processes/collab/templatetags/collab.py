from django import template

from processes.access.targets import Target
from processes.collab.selectors import case_comments, comments_on, shown

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
