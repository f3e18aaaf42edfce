"""Decision tables: the list, and the DMN editor that checks and deploys them."""

import json

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from engine.exceptions import Forbidden
from engine.parsing.errors import DeploymentInvalid, Problem
from engine.services.versions import decision_check, decision_deploy
from web.access import can_model, process_owner_page, processes_page
from web.selectors.decisions import decision_for, decisions


@processes_page
@require_GET
def decision_list(request):
    return render(
        request,
        "web/decisions/list.html",
        {"decisions": decisions(), "can_model": can_model(request.user)},
    )


def decision_text() -> dict[str, str]:
    """The editor script's messages in the reader's language; %(name)s is filled in there."""
    return {
        "serverAnswered": _("The server answered %(status)s."),
        "wrong": _("Something went wrong: %(error)s"),
        "valid": _("The decision table is valid and can be deployed."),
        "invalid": _("Problems to fix before deploying: %(count)s."),
        "deployed": _("Deployed %(links)s."),
        "version": _("%(name)s version %(version)s"),
        "unchanged": _("(unchanged: identical to the latest version)"),
        "notDeployed": _("Not deployed. Problems to fix: %(count)s."),
        "cannotOpen": _("This decision table cannot be opened: %(error)s"),
    }


@process_owner_page
@require_GET
def decision_edit(request, decision_id: str):
    decision = decision_for(decision_id)
    return render(
        request,
        "web/decisions/edit.html",
        {
            "decision": decision,
            "heading": decision.name,
            "processes": decision.processes,
            "xml": decision.xml,
            "text": decision_text(),
            "stylesheet": "web/dist/decisions.css",
            "script": "web/dist/decisions.js",
        },
    )


def _read(request) -> tuple[str, object]:
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        body = {}
    body = body if isinstance(body, dict) else {}
    xml = body.get("xml")
    return (xml if isinstance(xml, str) else ""), body.get("comment", "")


def _problems(problems: list[Problem]) -> list[dict]:
    return [problem.as_dict() for problem in problems]


@process_owner_page
@require_POST
def decision_validate(request, decision_id: str):
    decision = decision_for(decision_id)
    xml, _comment = _read(request)
    problems = decision_check(definitions=decision.processes, file_name=decision.file, text=xml)
    return JsonResponse({"valid": not problems, "errors": _problems(problems)})


@process_owner_page
@require_POST
def decision_save(request, decision_id: str):
    decision = decision_for(decision_id)
    xml, comment = _read(request)
    try:
        results = decision_deploy(
            definitions=decision.processes,
            file_name=decision.file,
            text=xml,
            user=request.user,
            comment=comment,
        )
    except DeploymentInvalid as exc:
        return JsonResponse({"errors": _problems(exc.problems)}, status=400)
    except Forbidden as exc:
        return JsonResponse({"errors": [{"message": exc.message}]}, status=403)
    deployed = []
    for result in results:
        for definition, created in zip(result.definitions, result.created, strict=True):
            deployed.append(
                {
                    "key": definition.key,
                    "name": definition.name,
                    "version": definition.version,
                    "created": created,
                    "url": reverse("web:process-versions", args=[definition.key]),
                }
            )
    created = any(row["created"] for row in deployed)
    return JsonResponse({"deployed": deployed}, status=201 if created else 200)
