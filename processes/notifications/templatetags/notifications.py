from django import template

from processes.notifications.selectors import unread_count

register = template.Library()


@register.filter
def unread_notifications(user) -> int:
    """The bell's count, shown with the page (then refreshed by the bell itself)."""
    return unread_count(user) if user.is_authenticated else 0
