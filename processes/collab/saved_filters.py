"""Saved filters of the inbox and the monitor: save, share with a group, delete, count.

The query is what the list's own API takes (/api/tasks/, /api/instances/), checked there;
counting runs it through the same selectors, so a count is what the list would show.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from engine.exceptions import Conflict, Forbidden, InvalidData, NotFound
from processes.collab.models import SavedFilter


def _my_groups(user) -> dict[str, str]:
    return {name.lower(): name for name in user.groups.values_list("name", flat=True)}


def filter_save(*, user, name: str, view: str, query: dict, group: str = "") -> SavedFilter:
    """Save a filter under a name of the person's own (one per name and list)."""
    errors: dict[str, list[str]] = {}
    name = (name or "").strip() if isinstance(name, str) else ""
    if not name or len(name) > 100:
        errors["name"] = [_("Name the filter (at most 100 characters).")]
    if view not in SavedFilter.View.values:
        errors["view"] = [_("Choose one of: %(choices)s.") % {"choices": "inbox, monitor"}]
    group = (group or "").strip() if isinstance(group, str) else ""
    if group:
        mine = _my_groups(user)
        if group.lower() not in mine:
            errors["group"] = [
                _("You can share a filter only with a group you are in (%(groups)s).")
                % {"groups": ", ".join(sorted(mine.values())) or "—"}
            ]
        else:
            group = mine[group.lower()]
    if errors:
        raise InvalidData(_("This filter cannot be saved."), errors)
    try:
        with transaction.atomic():
            return SavedFilter.objects.create(
                owner=user, name=name, view=view, query=query, group=group
            )
    except IntegrityError as exc:
        raise Conflict(
            _("You already have a filter called “%(name)s” for the %(view)s.")
            % {"name": name, "view": view}
        ) from exc


def visible_filters(user, view: str | None = None):
    """Mine and those shared with one of my groups."""
    groups = list(_my_groups(user).values())
    shared = Q(group__in=groups) if groups else Q(pk__in=[])
    found = SavedFilter.objects.filter(Q(owner=user) | shared).select_related("owner")
    return found.filter(view=view) if view else found


def filter_delete(*, user, filter_id: int) -> None:
    saved = visible_filters(user).filter(pk=filter_id).first()
    if saved is None:
        raise NotFound(_("Filter %(id)s does not exist.") % {"id": filter_id})
    if saved.owner_id != user.pk:
        raise Forbidden(_("Only the person who saved a filter can delete it."))
    saved.delete()


def filter_count(user, saved: SavedFilter) -> int:
    """How many tasks or instances the filter shows this person now."""
    from engine import selectors
    from engine.task_filters import task_query

    query = dict(saved.query)
    if saved.view == SavedFilter.View.INBOX:
        return task_query(user, **query).count()
    for day in ("started_from", "started_to"):
        if isinstance(query.get(day), str):
            query[day] = date.fromisoformat(query[day])
    return selectors.visible_instances(user, selectors.instances(**query)).count()
