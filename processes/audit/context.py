"""Whom the audit log names for a change made in the current request."""

from auditlog.context import auditlog_value


def attribute_to(user) -> None:
    """Name `user` on the changes of this request; for an API token, which DRF reads after
    the audit middleware has looked (a session's person is known before)."""
    try:
        context = auditlog_value.get()
    except LookupError:
        return
    if context.get("actor") is None:
        context["actor"] = user
