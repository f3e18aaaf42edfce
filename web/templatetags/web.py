"""Template helpers: the menu, due marks, durations and showing process data."""

from datetime import timedelta
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from processes.process_words import process_word
from web.access import navigation

register = template.Library()

MAX_DEPTH = 4
MAX_ITEMS = 50


@register.simple_tag(takes_context=True)
def nav_items(context) -> list[dict]:
    request = context.get("request")
    if request is None:
        return []
    items = navigation(request.user)
    previous = None
    for item in items:
        path, _sep, query = item["url"].partition("?")
        item["active"] = request.path.startswith(path) or (
            item["name"] == "processes" and request.path.startswith("/modeler/")
        )
        if query:  # /customers/?role=supplier is active on that list only
            item["active"] = item["active"] and request.GET.urlencode() == query
        item["group_start"] = previous is not None and item.get("group") != previous
        previous = item.get("group")
    return items


# A group of more workspace pages than this folds into one menu, so that the process pages
# keep their place in the top bar.
MENU_AFTER = 4


@register.simple_tag(takes_context=True)
def nav_groups(context) -> list[dict]:
    """The menu's items in their groups; a long group of workspace pages is one menu."""
    groups: list[dict] = []
    for item in nav_items(context):
        if not groups or groups[-1]["name"] != item.get("group"):
            groups.append({"name": item.get("group"), "items": []})
        groups[-1]["items"].append(item)
    for group in groups:
        group["menu"] = group["name"] == "work" and len(group["items"]) > MENU_AFTER
        group["active"] = any(item["active"] for item in group["items"])
    return groups


@register.filter
def person(user) -> str:
    """A person as colleagues call her: her full name, else her user name."""
    if user is None:
        return ""
    return user.get_full_name() or user.username


@register.filter
def watches(user, instance) -> bool:
    """Whether the person opens this case's instance page: she monitors its process, or
    started it and opens the monitor (processes.access)."""
    from processes.access import may_monitor_process, may_open_monitor

    if instance is None or not may_open_monitor(user):
        return False
    return instance.started_by_id == user.pk or may_monitor_process(user, instance.definition.key)


@register.filter
def element_name(definition, element_id: str) -> str:
    """The BPMN element's name in this definition version, in the reader's language where
    the catalogue has it (processes/process_words.py), else its id."""
    meta = (getattr(definition, "elements", None) or {}).get(element_id) or {}
    return process_word(meta.get("name") or "") or element_id


@register.filter
def step(name: str) -> str:
    """A step's or event's name as the diagram wrote it (a task's, a case's stage), in the
    reader's language where the catalogue has it."""
    return process_word(name or "")


@register.filter
def process_label(definition) -> str:
    """A process by its name in the reader's language, else its key."""
    if definition is None:
        return ""
    return process_word(definition.name or "") or definition.key


@register.filter
def due_state(moment) -> str:
    """ "overdue", "soon" (within a day) or "" for a due date."""
    if not moment:
        return ""
    now = timezone.now()
    if moment < now:
        return "overdue"
    if moment < now + timedelta(days=1):
        return "soon"
    return ""


@register.filter
def duration(seconds) -> str:
    """Seconds as people read them: "45 s", "12 min", "3 h 20 min", "2 d 4 h" (« 2 j 4 h »,
    «2 д 4 ч»)."""
    if seconds is None or seconds == "":
        return "—"
    seconds = int(round(float(seconds)))
    if seconds < 60:
        return pgettext("duration", "%(seconds)s s") % {"seconds": seconds}
    minutes, hours, days = seconds // 60, seconds // 3600, seconds // 86400
    if seconds < 3600:
        return pgettext("duration", "%(minutes)s min") % {"minutes": minutes}
    if seconds < 86400:
        rest = minutes % 60
        if rest:
            return pgettext("duration", "%(hours)s h %(minutes)s min") % {
                "hours": hours,
                "minutes": rest,
            }
        return pgettext("duration", "%(hours)s h") % {"hours": hours}
    rest = hours % 24
    if rest:
        return pgettext("duration", "%(days)s d %(hours)s h") % {"days": days, "hours": rest}
    return pgettext("duration", "%(days)s d") % {"days": days}


# The business figures' keys (processes.kpis) and their table columns, as people read them.
KNOWN_LABELS = {
    "sales_today": _("Sales today"),
    "sales_today_gross": _("Sales today, with tax"),
    "sales_today_net": _("Sales today, before tax"),
    "sales_by_currency": _("Sales today in other currencies"),
    "currency": _("Currency"),
    "orders": _("Orders"),
    "gross": _("With tax"),
    "rate": _("Rate used"),
    "orders_today": _("Orders today"),
    "produced_today": _("Produced today"),
    "overdue_tasks": _("Overdue tasks"),
    "stock": _("Stock"),
    "open_tasks_by_group": _("Open tasks by group"),
    "sku": _("SKU"),
    "on_hand": _("On hand"),
    "available": _("Available"),
}


@register.filter
def label(name) -> str:
    """A data key as a heading: "sales_today" -> "Sales today" (translated when known)."""
    if str(name) in KNOWN_LABELS:
        return str(KNOWN_LABELS[str(name)])
    text = str(name).replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


EVENT_LABELS = {
    "started": _("Started"),
    "task_created": _("Task created"),
    "task_claimed": _("Task claimed"),
    "task_unclaimed": _("Task unclaimed"),
    "task_assigned": _("Task assigned"),
    "task_delegated": _("Task delegated"),
    "task_resolved": _("Task resolved"),
    "task_completed": _("Task completed"),
    "task_cancelled": _("Task cancelled"),
    "script_run": _("Script run"),
    "service_task_run": _("Service task run"),
    "service_task_failed": _("Service task failed"),
    "service_task_retried": _("Service task retried"),
    "external_task_completed": _("Done by an external worker"),
    "external_task_failed": _("External worker failed"),
    "external_task_bpmn_error": _("External worker reported an error"),
    "timer_fired": _("Timer fired"),
    "message_correlated": _("Message received"),
    "message_sent": _("Message sent"),
    "signal_caught": _("Signal received"),
    "signal_sent": _("Signal sent"),
    "incident_opened": _("Incident opened"),
    "incident_resolved": _("Incident resolved"),
    "stage_reached": _("Stage reached"),
    "suspended": _("Suspended"),
    "resumed": _("Resumed"),
    "cancelled": _("Cancelled"),
    "migrated": _("Migrated"),
    "variables_changed": _("Variables changed"),
    "modified": _("Work moved by hand"),
    "completed": _("Completed"),
}


@register.filter
def event_label(event_type: str) -> str:
    known = EVENT_LABELS.get(str(event_type))
    return str(known) if known is not None else label(event_type)


@register.filter
def show_value(value):
    """Process data as HTML: text, yes/no, tables for lists of records, nested lists."""
    return _show(value, 0)


def _show(value, depth: int):
    if value is None or value == "":
        return mark_safe('<span class="muted">—</span>')  # noqa: S308 - constant markup
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float | Decimal | str):
        return format_html("{}", value)
    if depth >= MAX_DEPTH:
        return format_html("<code>{}</code>", str(value)[:200])
    if isinstance(value, dict):
        rows = format_html_join(
            "",
            "<tr><th>{}</th><td>{}</td></tr>",
            ((label(k), _show(v, depth + 1)) for k, v in list(value.items())[:MAX_ITEMS]),
        )
        return format_html('<table class="kv">{}</table>', rows)
    if isinstance(value, list):
        if value and all(isinstance(item, dict) for item in value):
            return _records(value[:MAX_ITEMS], depth)
        items = format_html_join("", "<li>{}</li>", ((_show(v, depth + 1),) for v in value))
        return format_html('<ul class="plain">{}</ul>', items)
    return format_html("{}", str(value))


def _records(rows: list[dict], depth: int):
    columns = list(dict.fromkeys(column for row in rows for column in row))
    head = format_html_join("", "<th>{}</th>", ((label(c),) for c in columns))

    def cells(row):
        return format_html_join(
            "", "<td>{}</td>", ((_show(row.get(c), depth + 1),) for c in columns)
        )

    body = format_html_join("", "<tr>{}</tr>", ((cells(row),) for row in rows))
    return format_html(
        '<table class="records"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>', head, body
    )


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "") if isinstance(mapping, dict) else ""


@register.filter
def sum_list(values) -> int:
    return sum(values or [])
