"""Call activities whose called process is not in the upload: which version they bind to.

A shared sub-process is deployed once; a process that calls it is deployed later in a file
of its own. Its call activity names the callee by key and, in Camunda's dialect, a binding:
`camunda:calledElementBinding="latest"` (the default), `"version"` with
`camunda:calledElementVersion`, or `"deployment"` (the callee must be in the same upload).
The callee's file is then added to the upload under `deployed/<key>/v<version>/`, so the
deployment holds everything its instances run and keeps it when the callee changes later.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from lxml import etree

from .bundle import is_bpmn
from .errors import Problem
from .xml import BPMN_NS, CAMUNDA_NS, describe, parse_xml

_B = f"{{{BPMN_NS}}}"
_C = f"{{{CAMUNDA_NS}}}"
BINDINGS = ("latest", "version", "deployment", "versionTag")
IMPORTED_FOLDER = "deployed/"


@dataclass(frozen=True)
class CalledProcess:
    """One call activity's reference to a process outside the upload."""

    key: str
    binding: str
    version: str
    file: str
    element_id: str
    line: int | None
    where: str


def imported_name(key: str, version: int, source_file: str) -> str:
    return f"{IMPORTED_FOLDER}{key}/v{version}/{source_file}"


def is_imported(name: str) -> bool:
    return name.startswith(IMPORTED_FOLDER)


def _roots(files: dict[str, str]) -> dict[str, etree._Element]:
    roots = {}
    for name, text in files.items():
        if not is_bpmn(name):
            continue
        try:
            roots[name] = parse_xml(name, text)
        except Exception:  # noqa: BLE001, S112 - the full check reports a broken file
            continue
    return roots


def _defined(roots: dict[str, etree._Element], imported: bool) -> set[str]:
    return {
        process.get("id") or ""
        for name, root in roots.items()
        if is_imported(name) == imported
        for process in root.iterchildren(f"{_B}process")
    }


def missing_callees(files: dict[str, str]) -> tuple[list[CalledProcess], list[Problem]]:
    """Call activities of executable processes whose callee no BPMN file of `files` defines,
    and the problems of bindings that cannot be met (files already added from earlier
    deployments, under IMPORTED_FOLDER, count as defining their processes)."""
    roots = _roots(files)
    defined, deployed = _defined(roots, imported=False), _defined(roots, imported=True)
    wanted, problems = [], []
    for file, root in sorted(roots.items()):
        for process in root.iterchildren(f"{_B}process"):
            if (process.get("isExecutable") or "true").strip() == "false":
                continue
            for node in process.iter(f"{_B}callActivity"):
                called = (node.get("calledElement") or "").strip()
                binding = (node.get(f"{_C}calledElementBinding") or "latest").strip()
                where = describe(node)
                place = (file, node.get("id", ""), node.sourceline)
                if binding not in BINDINGS:
                    problems.append(
                        Problem(
                            _(
                                '%(element)s has camunda:calledElementBinding="%(binding)s"; it '
                                "may be latest, version or deployment."
                            )
                            % {"element": where, "binding": binding},
                            *place,
                        )
                    )
                    continue
                if binding == "versionTag":
                    problems.append(
                        Problem(
                            _(
                                "%(element)s binds its callee by version tag, which HyperCRM "
                                'does not keep; use camunda:calledElementBinding="version" with '
                                'camunda:calledElementVersion, or "latest".'
                            )
                            % {"element": where},
                            *place,
                        )
                    )
                    continue
                if called in deployed and called not in defined:
                    continue
                if not called or called in defined:
                    if called and binding == "version":
                        problems.append(
                            Problem(
                                _(
                                    '%(element)s calls version %(version)s of "%(called)s", but '
                                    "the upload holds that process too; deploy it apart, or bind "
                                    'the call to "deployment".'
                                )
                                % {
                                    "element": where,
                                    "version": node.get(f"{_C}calledElementVersion"),
                                    "called": called,
                                },
                                *place,
                            )
                        )
                    continue
                version = (node.get(f"{_C}calledElementVersion") or "").strip()
                wanted.append(CalledProcess(called, binding, version, *place, where))
    return wanted, problems
