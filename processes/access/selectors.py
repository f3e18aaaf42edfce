"""Reads of the permission module: the groups and the rights each has now."""

from django.contrib.auth.models import Group

from processes.access.models import GroupRights
from processes.access.rights import group_rights


def groups_with_rights() -> list[dict]:
    """Each group by name: its rights now and whether they are the shipped defaults."""
    stored = {row.group_id: row.rights for row in GroupRights.objects.all()}
    return [
        {
            "group": group,
            "rights": group_rights(group.name, stored.get(group.pk)),
            "shipped": group.pk not in stored,
        }
        for group in Group.objects.order_by("name")
    ]
