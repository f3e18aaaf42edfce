from django import template

from processes.access.rights import may_model
from processes.notifications.selectors import notifies_on_end, unread_count

register = template.Library()


@register.filter
def unread_notifications(user) -> int:
    """The bell's count, shown with the page (then refreshed by the bell itself)."""
    return unread_count(user) if user.is_authenticated else 0


@register.inclusion_tag("notifications/_end_notice.html", takes_context=True)
def end_notice(context, definition):
    """The process page's "notify on end" card: its state, and the switch for its owners."""
    user = context["user"]
    return {
        "definition": definition,
        "on": notifies_on_end(definition.key),
        "may_mark": may_model(user),
        "csrf_token": context.get("csrf_token"),
    }
