"""@name mentions: who a comment names, told once each (if they may see what it is on)."""

import re

from django.contrib.auth import get_user_model
from django.db.models import Q

from processes.access.targets import (
    Target,
    may_see_target,
    target_label,
    target_link,
    target_object,
)

# Not inside a word or an e-mail address; code spans (`…`) are left out first.
_MENTION = re.compile(r"(?<![\w@/.])@([\w][\w.+-]*[\w]|[\w])")
_CODE = re.compile(r"`[^`]*`")


def mentioned_names(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for name in _MENTION.findall(_CODE.sub("", text or "")):
        seen.setdefault(name.lower(), None)
    return list(seen)


def mentioned_people(text: str, target: Target, author) -> list:
    """The active people named, but the author and those who may not see the target."""
    names = mentioned_names(text)
    if not names:
        return []
    named = Q()
    for name in names:
        named |= Q(username__iexact=name)
    people = get_user_model().objects.filter(named, is_active=True)
    return [person for person in people.exclude(pk=author.pk) if may_see_target(person, target)]


def tell_mentioned(*, comment_id: int) -> None:
    """Notify each person the comment mentions (after it committed; safe to run twice)."""
    from processes.collab.models import Comment
    from processes.notifications.models import NotificationKind
    from processes.notifications.services import notify

    comment = Comment.objects.select_related("author").filter(pk=comment_id).first()
    if comment is None or comment.is_removed:
        return
    target = Target(comment.target_kind, comment.target_id)
    people = mentioned_people(comment.body, target, comment.author)
    if not people:
        return
    obj = target_object(target)
    link = target_link(target, obj)
    if "#" not in link:
        link += f"#comment-{comment.pk}"
    for person in people:
        notify(
            recipient_id=person.pk,
            kind=NotificationKind.MENTIONED,
            key=f"comment:{comment.pk}",
            actor_id=comment.author_id,
            subject=target_label(target, obj),
            link=link,
        )
