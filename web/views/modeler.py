"""The BPMN modeler: edit a version or a blank diagram, validate, deploy the next version."""

import json
import re
import secrets

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from engine.exceptions import Conflict, Forbidden
from engine.models import ProcessDefinition
from engine.parsing.archive import zip_files
from engine.parsing.camunda_forms import is_generated
from engine.parsing.elements import READ_PROPERTIES
from engine.parsing.errors import DeploymentInvalid
from engine.services.definitions import definition_deploy, definition_validate
from engine.services.versions import task_form_create, version_upload
from forms.loader import form_name_for, starter_form, ui_schema_name_for
from web.access import process_owner_page
from web.selectors.decisions import task_decisions
from web.selectors.processes import definition_for
from web.selectors.versions import TYPE_LABELS, deploy_impact

BLANK_TEMPLATE = "web/processes/blank.bpmn"
ELEMENT_ID = re.compile(r"^[A-Za-z_][\w.-]{0,99}$")
DECISION_FILE = re.compile(r"^[\w.-]{1,96}\.dmn$")
DECISION_FILES_MAX = 10


def modeler_text() -> dict[str, str]:
    """The modeler script's messages in the reader's language; %(name)s is filled in there."""
    return {
        "laidOut": _(
            "This diagram had no layout; one was drawn for it. "
            "Lanes are kept in the XML but not drawn."
        ),
        "line": _("line %(line)s"),
        "serverAnswered": _("The server answered %(status)s."),
        "wrong": _("Something went wrong: %(error)s"),
        "cannotValidate": _("Cannot validate (HTTP %(status)s)."),
        "valid": _("The diagram is valid and can be deployed."),
        "invalid": _("Problems to fix before deploying: %(count)s."),
        "version": _("%(name)s version %(version)s"),
        "unchanged": _("(unchanged: identical to the latest version)"),
        "deployed": _("Deployed %(links)s."),
        "deployedAs": _("deployed as v%(version)s"),
        "forbidden": _("You may not deploy."),
        "notDeployed": _("Not deployed. Problems to fix: %(count)s."),
        "cannotOpenFile": _("This file cannot be opened: %(error)s"),
        "decisionOpened": _(
            "The decision table %(name)s goes with the diagram: Validate, Try it and Deploy use it."
        ),
        "cannotOpen": _("This diagram cannot be opened: %(error)s"),
        "unnamed": _("%(kind)s without a name"),
        "types": {kind: str(label) for kind, label in TYPE_LABELS.items()},
        "impactNext": _("Deploys %(name)s as v%(version)s; new cases start on it."),
        "impactFirst": _("Deploys %(name)s as its first version, v%(version)s."),
        "impactUnchanged": _(
            "%(name)s is identical to v%(version)s: deploying makes no new version."
        ),
        "impactStay": _("Cases already running stay on the version they started on:"),
        "impactRunningOn": _("v%(version)s: running cases: %(count)s"),
        "impactNone": _("No case is running on an earlier version."),
        "tryCompleted": _("The test run reached the end in %(count)s steps. Nothing was stored."),
        "tryWaiting": _(
            "The test run stopped after %(count)s steps, waiting at: %(names)s. "
            "Give these tasks a sample answer to go further. Nothing was stored."
        ),
        "tryFailed": _("The test run failed at %(name)s: %(error)s. Nothing was stored."),
        "tryStopped": _(
            "The test run took more than %(count)s steps and was stopped. Nothing was stored."
        ),
        "tryInvalid": _("The diagram cannot run. Problems to fix: %(count)s."),
        "tryPath": _("Path taken:"),
        "tryInProcess": _("%(name)s (in the called process %(process)s)"),
        "sampleNotJson": _("The sample data is not valid JSON: %(error)s"),
        "taskForm": _("This task shows the form %(name)s."),
        "taskNoForm": _("This task has no form yet."),
        "taskDecision": _("This task decides with the decision table “%(name)s”."),
        "formNotMade": _("The form was not made. Problems to fix: %(count)s."),
        "taskConnector": _("This task calls the connector “%(name)s”."),
        "taskNoConnector": _("This task calls no connector of the list yet."),
        "noConnector": _("No connector matches."),
        "noTemplates": _("The list of connectors could not be loaded: %(error)s"),
        "notRead": _("%(label)s (not read by HyperCRM)"),
    }


def _task_forms(definition: ProcessDefinition) -> dict[str, str]:
    """{user task id: form file} of a version, for the modeler's "Edit form"."""
    return {
        element_id: info["form"]
        for element_id, info in definition.elements.items()
        # A generated form (camunda:formData) is edited in the properties panel.
        if info.get("form") and not is_generated(info["form"])
    }


@process_owner_page
@require_GET
def modeler(request, key: str):
    definition = definition_for(key, request.GET.get("version"))
    return render(
        request,
        "web/processes/modeler.html",
        {
            "definition": definition,
            "xml": definition.bpmn_xml,
            "base": {"key": definition.key, "version": definition.version},
            "task_forms": _task_forms(definition),
            "task_decisions": task_decisions(definition),
            "file_name": f"{definition.key}.bpmn",
            "text": modeler_text(),
            "read_properties": READ_PROPERTIES,
        },
    )


@process_owner_page
@require_GET
def modeler_new(request):
    """A blank executable process with one start event, ready to be drawn on."""
    suffix = secrets.token_hex(3)
    blank = render(
        request, BLANK_TEMPLATE, {"process_id": f"Process_{suffix}", "suffix": suffix}
    ).content.decode()
    return render(
        request,
        "web/processes/modeler.html",
        {
            "definition": None,
            "xml": blank,
            "base": None,
            "task_forms": {},
            "task_decisions": {},
            "file_name": "new-process.bpmn",
            "text": modeler_text(),
            "read_properties": READ_PROPERTIES,
        },
    )


def _body(request) -> dict:
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        body = {}
    return body if isinstance(body, dict) else {}


def _read(request) -> tuple[str, ProcessDefinition | None]:
    body = _body(request)
    xml = body.get("xml")
    base = None
    if isinstance(body.get("base"), dict):
        key, version = body["base"].get("key"), body["base"].get("version")
        base = (
            ProcessDefinition.objects.select_related("deployment")
            .filter(key=str(key), version=version if isinstance(version, int) else -1)
            .first()
        )
    return (xml if isinstance(xml, str) else ""), base


class BadDecisionFiles(ValueError):
    """The decision tables opened beside the diagram are not a list of named .dmn files."""


def _decisions(request) -> dict[str, str]:
    """Decision tables the owner opened in the modeler ({file name: DMN text}); they join
    the bundle beside the diagram, replacing a file of the same name."""
    files = _body(request).get("decisions") or {}
    if not isinstance(files, dict) or len(files) > DECISION_FILES_MAX:
        raise BadDecisionFiles(_("The decision tables must be at most ten named .dmn files."))
    for name, text in files.items():
        if not DECISION_FILE.match(name) or not isinstance(text, str):
            raise BadDecisionFiles(
                _("“%(name)s” is not a decision table file (a name ending in .dmn).")
                % {"name": str(name)[:100]}
            )
    return files


def _upload(
    xml: str, base: ProcessDefinition | None, decisions: dict[str, str] | None = None
) -> tuple[str, bytes]:
    """The edited diagram as a deployment; with the base version's forms and DMN kept and
    the decision tables opened beside it added."""
    if base is None:
        if not decisions:
            return "diagram.bpmn", xml.encode()
        files = {name: text.encode() for name, text in decisions.items()}
        return "diagram.zip", zip_files({**files, "diagram.bpmn": xml.encode()})
    return version_upload(base, xml, replace=decisions or None)


def _refused_decisions(exc: BadDecisionFiles) -> JsonResponse:
    return JsonResponse({"errors": [{"message": str(exc), "field": "decisions"}]}, status=400)


def _problems(problems) -> list[dict]:
    return [problem.as_dict() for problem in problems]


@process_owner_page
@require_POST
def modeler_validate(request):
    xml, base = _read(request)
    try:
        file_name, content = _upload(xml, base, _decisions(request))
    except BadDecisionFiles as exc:
        return _refused_decisions(exc)
    report = definition_validate(file_name=file_name, content=content)
    return JsonResponse(
        {
            "valid": report.valid,
            "errors": _problems(report.errors),
            "warnings": _problems(report.warnings),
            "processes": report.processes,
            "impact": deploy_impact(report.names, report.hashes) if report.valid else [],
        }
    )


@process_owner_page
@require_POST
def modeler_deploy(request):
    xml, base = _read(request)
    try:
        file_name, content = _upload(xml, base, _decisions(request))
    except BadDecisionFiles as exc:
        return _refused_decisions(exc)
    try:
        result = definition_deploy(
            file_name=file_name,
            content=content,
            user=request.user,
            comment=_body(request).get("comment", ""),
        )
    except DeploymentInvalid as exc:
        return JsonResponse({"errors": _problems(exc.problems)}, status=400)
    except Forbidden as exc:
        return JsonResponse({"errors": [{"message": exc.message}]}, status=403)
    deployed = [
        {
            "key": definition.key,
            "version": definition.version,
            "name": definition.name,
            "created": created,
            "url": reverse("web:process", args=[definition.key]) + f"?version={definition.version}",
            "modeler_url": reverse("web:modeler", args=[definition.key])
            + f"?version={definition.version}",
            # What the modeler offers beside a selected task, now of the new version.
            "task_forms": _task_forms(definition),
            "task_decisions": task_decisions(definition),
        }
        for definition, created in zip(result.definitions, result.created, strict=True)
    ]
    return JsonResponse({"deployed": deployed}, status=201 if result.any_created else 200)


def _refused(field: str, message: str) -> JsonResponse:
    return JsonResponse({"errors": [{"message": message, "field": field}]}, status=400)


@process_owner_page
@require_POST
def modeler_form_new(request):
    """A new form for a user task: the diagram (its task naming the form) is deployed with
    the form file as the next version; the answer says where the form editor opens it."""
    body = _body(request)
    element_id = body.get("element_id")
    if not isinstance(element_id, str) or not ELEMENT_ID.match(element_id):
        return _refused("element_id", _("Choose the user task that shows the new form."))
    title = body.get("title")
    if not isinstance(title, str) or not title.strip() or len(title) > 200:
        return _refused("title", _("Give the form a title of at most 200 characters."))
    xml, base = _read(request)
    try:
        decisions = _decisions(request)
    except BadDecisionFiles as exc:
        return _refused_decisions(exc)
    name = form_name_for(element_id)
    schema, ui = starter_form(title.strip(), _("Comment"))
    text = json.dumps(schema, indent=2, ensure_ascii=False)
    ui_file = {ui_schema_name_for(name): json.dumps(ui, indent=2, ensure_ascii=False) + "\n"}
    comment = body.get("comment") or _("A new form, “%(title)s”.") % {"title": title.strip()}
    try:
        result = task_form_create(
            base=base,
            xml=xml,
            element_id=element_id,
            form_name=name,
            form_text=text + "\n",
            files={**decisions, **ui_file},
            user=request.user,
            comment=comment,
        )
    except DeploymentInvalid as exc:
        return JsonResponse({"errors": _problems(exc.problems)}, status=400)
    except Conflict as exc:
        return JsonResponse(
            {"errors": [{"message": exc.message, "field": "element_id"}]}, status=409
        )
    except Forbidden as exc:
        return JsonResponse({"errors": [{"message": exc.message}]}, status=403)
    return JsonResponse(
        {
            "form": name,
            "edit_url": reverse("web:form-edit", args=[name]),
            "deployed": [
                {"key": d.key, "version": d.version, "created": created}
                for d, created in zip(result.definitions, result.created, strict=True)
            ],
        },
        status=201,
    )
