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
