"""Reads of the permission module: the groups and the rights each has now."""

from django.contrib.auth.models import Group

from engine.models import GroupMonitorRights, GroupStartRights
from engine.selectors import latest_definitions
from engine.services.permissions import group_may_start, group_monitors
from engine.services.starters import process_starters
from processes.access.models import GroupRights
from processes.access.rights import group_rights
from processes.access.visibility import group_own


def startable_processes() -> list:
    """The latest version of every process a person can start by hand, by name."""
    found = [d for d in latest_definitions() if process_starters(d) is not None]
    return sorted(found, key=lambda d: (d.name or d.key).lower())


def _monitor_choices(name: str, keys, definitions) -> list[dict]:
    watched = group_monitors(name, keys)
    return [{"definition": d, "on": watched is None or d.key in watched} for d in definitions]


def groups_with_rights() -> list[dict]:
    """Each group by name: its rights now and whether they are the shipped defaults, the
    kinds its members see only their own records of (`own`), and
    the processes it starts (`start`: definition and whether it may) and whether the
    diagrams decide that (`start_shipped`), and the processes whose instances it monitors
    (`monitor`, `monitor_shipped`: the default, never chosen)."""
    rows = {row.group_id: row for row in GroupRights.objects.all()}
    starts = {row.group_id: row.keys for row in GroupStartRights.objects.all()}
    processes = startable_processes()
    watched = {row.group_id: row.keys for row in GroupMonitorRights.objects.all()}
    every = sorted(latest_definitions(), key=lambda d: (d.name or d.key).lower())
    return [
        {
            "group": group,
            "rights": group_rights(group.name, rows[group.pk].rights if group.pk in rows else None),
            "shipped": group.pk not in rows,
            "own": group_own(group.name, rows[group.pk].own if group.pk in rows else None),
            "start": [
                {"definition": d, "on": group_may_start(group.name, starts.get(group.pk), d)}
                for d in processes
            ],
            "start_shipped": group.pk not in starts,
            "monitor": _monitor_choices(group.name, watched.get(group.pk), every),
            "monitor_shipped": group.pk not in watched,
        }
        for group in Group.objects.order_by("name")
    ]


def accounts(query: str = ""):
    """Every account by name, with its groups read in one query; `query` narrows by
    user name, name or e-mail."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    people = (
        get_user_model()
        .objects.prefetch_related("groups")
        .order_by("-is_active", "first_name", "last_name", "username")
    )
    if query:
        people = people.filter(
            Q(username__icontains=query) | Q(first_name__icontains=query)
            | Q(last_name__icontains=query) | Q(email__icontains=query)
        )  # fmt: skip
    return people


def group_names_all() -> list[str]:
    return list(Group.objects.order_by("name").values_list("name", flat=True))
