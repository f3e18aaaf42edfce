"""Process definitions: the list, one process with its versions, diagram and heatmap."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from web.access import can_model, can_monitor, processes_page
from web.selectors.processes import (
    definition_for,
    pick_version,
    process_rows,
    task_durations,
    versions_of,
    waiting_counts,
)
from web.templatetags.web import duration


@processes_page
@require_GET
def process_list(request):
    return render(
        request,
        "web/processes/list.html",
        {"rows": process_rows(), "can_model": can_model(request.user)},
    )


@processes_page
@require_GET
def process_detail(request, key: str):
    versions = versions_of(key)
    definition = pick_version(versions, request.GET.get("version"))
    waiting = waiting_counts(definition)
    durations = task_durations(definition)
    seconds = {
        element: row["seconds"] for element, row in durations.items() if row["seconds"] is not None
    }
    return render(
        request,
        "web/processes/detail.html",
        {
            "definition": definition,
            "versions": versions,
            "latest": versions[-1],
            "xml": definition.bpmn_xml,
            "heat": {
                "counts": waiting,
                "durations": seconds,
                # What the badges say, in the reader's language.
                "count_titles": {
                    element: ngettext("%(count)s waiting here", "%(count)s waiting here", count)
                    % {"count": count}
                    for element, count in waiting.items()
                },
                "duration_texts": {element: duration(value) for element, value in seconds.items()},
                "duration_title": _("Average time from created to done"),
            },
            "waiting": sorted(waiting.items(), key=lambda item: (-item[1], item[0])),
            "durations": sorted(durations.items(), key=lambda item: -(item[1]["seconds"] or 0)),
            "can_model": can_model(request.user),
            "can_monitor": can_monitor(request.user),
        },
    )


@processes_page
@require_GET
def process_bpmn(request, key: str):
    """The BPMN file of one version (latest without ?version=), as a download."""
    definition = definition_for(key, request.GET.get("version"))
    response = HttpResponse(definition.bpmn_xml, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{definition.key}-v{definition.version}.bpmn"'
    )
    return response
