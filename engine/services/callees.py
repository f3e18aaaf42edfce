"""Find the deployed versions that an upload's call activities bind to (parsing/callees.py)."""

from django.utils.translation import gettext as _

from engine.models import ProcessDefinition
from engine.parsing.bundle import FORM_SUFFIXES
from engine.parsing.callees import CalledProcess, imported_name, is_imported, missing_callees
from engine.parsing.errors import Problem

# A callee may call further processes; a chain longer than this is refused as a cycle.
MAX_DEPTH = 10


def _version(wanted: CalledProcess) -> tuple[ProcessDefinition | None, Problem | None]:
    place = (wanted.file, wanted.element_id, wanted.line)
    versions = ProcessDefinition.objects.filter(key=wanted.key).select_related("deployment")
    if wanted.binding == "latest":
        return versions.order_by("-version").first(), None
    if not wanted.version.isdigit():
        message = _(
            '%(element)s binds its callee "%(called)s" by version, but '
            'camunda:calledElementVersion is "%(version)s", not a version number.'
        ) % {"element": wanted.where, "called": wanted.key, "version": wanted.version}
        return None, Problem(message, *place)
    found = versions.filter(version=int(wanted.version)).first()
    if found is None:
        message = _(
            '%(element)s calls version %(version)s of "%(called)s", which has not been deployed.'
        ) % {"element": wanted.where, "called": wanted.key, "version": wanted.version}
        return None, Problem(message, *place)
    return found, None


def _files_of(definition: ProcessDefinition, files: dict[str, str]) -> dict[str, str]:
    """The callee's own file, the files it calls, and its forms the upload does not have."""
    stored: dict[str, str] = definition.deployment.files
    added = {
        imported_name(definition.key, definition.version, definition.source_file): stored[
            definition.source_file
        ]
    }
    for name, text in stored.items():
        if is_imported(name) or (name.lower().endswith(FORM_SUFFIXES) and name not in files):
            added.setdefault(name, text)
    return added


def with_deployed_callees(
    files: dict[str, str],
) -> tuple[dict[str, str], set[str], list[Problem], list[Problem]]:
    """(files with the deployed callees added, the added names, problems of their bindings,
    notes saying which version each call activity of the upload binds to).

    A call activity bound to "latest" takes the newest version deployed now; one bound to
    "version" takes that version; one bound to "deployment" is left to the upload."""
    merged: dict[str, str] = dict(files)
    added: set[str] = set()
    problems: list[Problem] = []
    notes: list[Problem] = []
    for _round in range(MAX_DEPTH):
        wanted, binding_problems = missing_callees(merged)
        problems.extend(p for p in binding_problems if p.file in files)
        new: dict[str, str] = {}
        for callee in wanted:
            if callee.binding == "deployment":
                continue
            definition, problem = _version(callee)
            if problem is not None:
                problems.append(problem)
            if definition is None:
                continue
            new.update(_files_of(definition, merged))
            if callee.file in files:
                message = _(
                    '%(element)s calls "%(called)s" version %(version)s, deployed earlier.'
                ) % {"element": callee.where, "called": callee.key, "version": definition.version}
                notes.append(Problem(message, callee.file, callee.element_id, callee.line))
        new = {name: text for name, text in new.items() if name not in merged}
        if not new:
            break
        merged.update(new)
        added.update(new)
    return merged, added, list(dict.fromkeys(problems)), list(dict.fromkeys(notes))
