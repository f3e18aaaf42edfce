"""A version's content as an upload, and rolling back: an earlier version as the next one."""

from __future__ import annotations

from django.utils.translation import gettext as _

from engine.db.transactions import atomic
from engine.exceptions import Conflict, Forbidden, NotFound
from engine.models import ProcessDefinition
from engine.parsing.archive import zip_files
from engine.parsing.bundle import is_bpmn
from engine.parsing.errors import DeploymentInvalid, Problem
from engine.types import User

from .definitions import DeployResult, compile_upload, definition_deploy, definition_validate
from .permissions import can_deploy


def version_upload(
    definition: ProcessDefinition, xml: str | None = None, replace: dict[str, str] | None = None
) -> tuple[str, bytes]:
    """A version as a deployment: its BPMN (or `xml` in its place) with its forms and DMN,
    `replace` swapping files of the bundle by name (an edited decision table).

    A version deployed from a bundle keeps its form and DMN files with it, so the content is
    a bundle of the BPMN plus those files; other processes of that bundle are left out.
    """
    xml = definition.bpmn_xml if xml is None else xml
    others = {
        name: text.encode()
        for name, text in definition.deployment.files.items()
        if name != definition.source_file and not is_bpmn(name)
    }
    others.update({name: text.encode() for name, text in (replace or {}).items()})
    if not others:
        return definition.source_file, xml.encode()
    return f"{definition.key}.zip", zip_files({**others, definition.source_file: xml.encode()})


@atomic
def definition_rollback(
    *, key: str, version: int, user: User | None, comment: str = "", check_role: bool = True
) -> ProcessDefinition:
    """Deploy an earlier version's content as the next version of its process.

    Instances keep running on the versions they started on; new ones start on the new
    version. Raises Forbidden, NotFound for an unknown version, Conflict when the latest
    version already has that content, or DeploymentInvalid.
    """
    if check_role and not can_deploy(user):
        raise Forbidden(_("Rolling back needs the process-owners group."))
    earlier = (
        ProcessDefinition.objects.select_related("deployment")
        .filter(key=key, version=version)
        .first()
    )
    if earlier is None:
        raise NotFound(
            _("“%(key)s” has no version %(version)s.") % {"key": key, "version": version}
        )
    latest = ProcessDefinition.objects.filter(key=key).order_by("-version").first()
    if latest.content_hash == earlier.content_hash:
        raise Conflict(
            _(
                "The latest version of “%(key)s” (v%(latest)s) already has the content of "
                "v%(version)s; there is nothing to roll back."
            )
            % {"key": key, "latest": latest.version, "version": version}
        )
    file_name, content = version_upload(earlier)
    result: DeployResult = definition_deploy(
        file_name=file_name, content=content, user=user, comment=comment, check_role=False
    )
    restored = next(d for d in result.definitions if d.key == key)
    restored.restored_from = version
    restored.save(update_fields=["restored_from"])
    return restored


def files_check(*, definitions: list[ProcessDefinition], replace: dict[str, str]) -> list[Problem]:
    """Check edited files (a decision table, a form) inside the bundle of every process
    that uses them, the way deploying would; deploys nothing."""
    problems: list[Problem] = []
    seen: set[tuple[str, str, str | None]] = set()
    for definition in definitions:
        upload_name, content = version_upload(definition, replace=replace)
        for problem in definition_validate(file_name=upload_name, content=content).errors:
            mark = (problem.message, problem.file, problem.element_id)
            if mark not in seen:
                seen.add(mark)
                problems.append(problem)
    return problems


@atomic
def files_deploy(
    *,
    definitions: list[ProcessDefinition],
    replace: dict[str, str],
    user: User | None,
    comment: str = "",
    what: str = "file",
) -> list[DeployResult]:
    """Deploy edited files as the next version of every process that uses them (each with
    the rest of its bundle as it is); all or nothing."""
    if not can_deploy(user):
        raise Forbidden(_("Deploying needs the process-owners group."))
    if not definitions:
        name = next(iter(replace), "")
        message = {
            "decision table": _("No process uses this decision table."),
            "form": _("No process uses this form."),
        }.get(what, _("No process uses this file."))
        raise DeploymentInvalid([Problem(message, name)])
    results = []
    for definition in definitions:
        upload_name, content = version_upload(definition, replace=replace)
        results.append(
            definition_deploy(file_name=upload_name, content=content, user=user, comment=comment)
        )
    return results


def decision_check(
    *, definitions: list[ProcessDefinition], file_name: str, text: str
) -> list[Problem]:
    """Check an edited decision table inside the bundle of every process that calls it."""
    return files_check(definitions=definitions, replace={file_name: text})


def decision_deploy(
    *,
    definitions: list[ProcessDefinition],
    file_name: str,
    text: str,
    user: User | None,
    comment: str = "",
) -> list[DeployResult]:
    """Deploy an edited decision table as the next version of every process that calls it
    (each with its diagram and forms as they are); all or nothing."""
    return files_deploy(
        definitions=definitions,
        replace={file_name: text},
        user=user,
        comment=comment,
        what="decision table",
    )


@atomic
def task_form_create(
    *,
    base: ProcessDefinition | None,
    xml: str,
    element_id: str,
    form_name: str,
    form_text: str,
    user: User | None,
    comment: str = "",
    files: dict[str, str] | None = None,
) -> DeployResult:
    """Deploy a diagram whose user task `element_id` now shows a new form file, with that
    file added to the bundle (the base version's other files kept, `files` by name — the
    form's UI schema, decision tables opened beside the diagram — added or replacing
    theirs), as the next version.

    Raises Forbidden, Conflict when the bundle already has a file of that name, or
    DeploymentInvalid when the diagram would not deploy or the task does not name the form.
    """
    if not can_deploy(user):
        raise Forbidden(_("Deploying needs the process-owners group."))
    if base is not None and form_name in base.deployment.files:
        raise Conflict(_("The process already has a file named “%(name)s”.") % {"name": form_name})
    if base is not None:
        file_name, content = version_upload(
            base, xml, replace={**(files or {}), form_name: form_text}
        )
    else:
        file_name = "diagram.zip"
        extra = {name: text.encode() for name, text in (files or {}).items()}
        content = zip_files({**extra, "diagram.bpmn": xml.encode(), form_name: form_text.encode()})
    bundle = compile_upload(file_name, content)
    shown = [p for p in bundle.processes if p.elements.get(element_id, {}).get("form") == form_name]
    if not shown:
        message = _("The user task '%(task)s' does not show the form '%(form)s'.") % {
            "task": element_id,
            "form": form_name,
        }
        raise DeploymentInvalid([Problem(message, form_name, element_id)])
    return definition_deploy(
        file_name=file_name, content=content, user=user, comment=comment, check_role=False
    )
