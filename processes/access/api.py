"""The API's side of the permission module: one DRF permission class for business views."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from processes.access.rights import READ, WRITE, Refusal, require


class KindPermission(BasePermission):
    """Reads need `read` on the view's `record_kind`, other methods `write`.

    A view action named in the view's `action_rights` needs that right instead
    (e.g. `{"approve": "approve"}`).
    """

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        kind = view.record_kind
        action = getattr(view, "action_rights", {}).get(getattr(view, "action", None))
        if action is None:
            action = READ if request.method in SAFE_METHODS else WRITE
        try:
            require(user, action, kind)
        except Refusal as refusal:
            self.message = str(refusal)
            return False
        return True
