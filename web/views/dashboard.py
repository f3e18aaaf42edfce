"""The managers' dashboard: tasks per group, instances per day, the business figures."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from operations.selectors import backup_summary
from web.access import manager_page
from web.kpis import business_figures
from web.selectors.dashboard import (
    PERIODS,
    instances_per_day,
    period_days,
    task_totals,
    tasks_per_group,
)


def _split_figures(figures: dict) -> dict:
    """Tiles for numbers and text, tables for lists of rows, name/value lists for dicts."""
    tiles, tables, lists = [], [], []
    for name, value in figures.items():
        if isinstance(value, list):
            rows = [row for row in value if isinstance(row, dict)]
            columns = list(dict.fromkeys(column for row in rows for column in row))
            tables.append({"name": name, "columns": columns, "rows": rows})
        elif isinstance(value, dict):
            lists.append({"name": name, "items": list(value.items())})
        else:
            tiles.append({"name": name, "value": value})
    return {"tiles": tiles, "tables": tables, "lists": lists}


@manager_page
@require_GET
def dashboard(request):
    period = request.GET.get("period", "7")
    period = period if period in PERIODS else "7"
    today = timezone.localdate()
    days = period_days(period, today)
    groups = tasks_per_group(request.user)
    per_day = instances_per_day(request.user, days)
    figures = business_figures(today)
    return render(
        request,
        "web/dashboard/index.html",
        {
            "period": period,
            "periods": PERIODS,
            "today": today,
            "totals": task_totals(request.user),
            "groups": groups,
            "per_day": per_day,
            "figures": _split_figures(figures),
            "has_figures": bool(figures),
            "backup": backup_summary(),
            "tasks_chart": {
                "type": "bar",
                "labels": [row["group"] for row in groups],
                "datasets": [
                    {"label": _("Open"), "data": [row["open"] for row in groups]},
                    {"label": _("Overdue"), "data": [row["overdue"] for row in groups]},
                ],
            },
            "instances_chart": {
                "type": "line",
                "labels": per_day["labels"],
                "datasets": [
                    {"label": _("Started"), "data": per_day["started"]},
                    {"label": _("Completed"), "data": per_day["completed"]},
                ],
            },
        },
    )
