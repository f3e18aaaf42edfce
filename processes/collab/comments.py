"""Writes: post, edit (the author, for a few minutes) and remove (leaving a trace) comments.

Who may do each is the permission module's answer (processes/access/targets.py); people
the text mentions with @name are told once the comment has committed.
"""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engine.exceptions import Conflict, Forbidden, InvalidData, NotFound
from processes.access.targets import (
    comment_edit_refusal,
    comment_remove_refusal,
    parse_target,
    visible_target,
)
from processes.collab.mentions import tell_mentioned
from processes.collab.models import Comment

MAX_LENGTH = 10_000


def edit_window() -> timedelta:
    return timedelta(minutes=settings.HYPERCRM.get("COMMENT_EDIT_MINUTES", 15))


def _clean_body(body) -> str:
    text = body.strip() if isinstance(body, str) else ""
    if not text:
        message = _("Write something first.")
        raise InvalidData(message, {"body": [message]})
    if len(text) > MAX_LENGTH:
        message = _("A comment is at most %(n)d characters long.") % {"n": MAX_LENGTH}
        raise InvalidData(message, {"body": [message]})
    return text


def _tell_after_commit(comment: Comment) -> None:
    transaction.on_commit(partial(tell_mentioned, comment_id=comment.pk))


@transaction.atomic
def comment_post(*, user, target: str, body: str) -> Comment:
    """Post a comment on a target the person may see."""
    where = parse_target(target)
    text = _clean_body(body)
    visible_target(user, where)
    comment = Comment.objects.create(
        target_kind=where.kind, target_id=where.pk, author=user, body=text
    )
    _tell_after_commit(comment)
    return comment


def _locked_comment(user, comment_id: int) -> Comment:
    comment = (
        Comment.objects.select_for_update(of=("self",))
        .select_related("author")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        raise NotFound(_("Comment %(id)s does not exist.") % {"id": comment_id})
    visible_target(user, parse_target(f"{comment.target_kind}:{comment.target_id}"))
    if comment.is_removed:
        raise Conflict(_("This comment was removed."))
    return comment


@transaction.atomic
def comment_edit(*, user, comment_id: int, body: str) -> Comment:
    """The author changes the text within the edit window; new mentions are told."""
    comment = _locked_comment(user, comment_id)
    refusal = comment_edit_refusal(user, comment, edit_window())
    if refusal:
        raise Forbidden(refusal)
    text = _clean_body(body)
    if text != comment.body:
        comment.body = text
        comment.edited_at = timezone.now()
        comment.save(update_fields=["body", "edited_at"])
        _tell_after_commit(comment)
    return comment


@transaction.atomic
def comment_remove(*, user, comment_id: int) -> Comment:
    """The author or a manager removes the text; "removed by X" stays in its place."""
    comment = _locked_comment(user, comment_id)
    refusal = comment_remove_refusal(user, comment)
    if refusal:
        raise Forbidden(refusal)
    comment.removed_at = timezone.now()
    comment.removed_by = user
    comment.body = ""
    comment.save(update_fields=["removed_at", "removed_by", "body"])
    return comment
