"""Who may change business records over the API.

Every signed-in user may read. Writes are for staff, superusers and the members of the
groups the view names in `write_groups` (compared case-insensitively, like lanes):
`sales` for customers and deals, `warehouse` for stock, `process-owners` and `managers`
for the catalogue.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from engine.services.tasks import user_group_names

SALES = ("sales",)
WAREHOUSE = ("warehouse",)
CATALOG_OWNERS = ("process-owners", "managers")


class ReadOrGroupWrite(BasePermission):
    message = "Changing these records needs one of the groups: {groups}."

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in SAFE_METHODS or user.is_staff or user.is_superuser:
            return True
        groups = tuple(getattr(view, "write_groups", ()))
        self.message = self.message.format(groups=", ".join(groups) or "none")
        return bool({g.lower() for g in groups} & set(user_group_names(user)))
