"""Checks of a deployment's shape that SpiffWorkflow reports badly or not at all.

How many processes and flow nodes it holds, which processes are executable (SpiffWorkflow's
rule: isExecutable is not "false"), process ids used twice (within a file or across the
bundle), flow elements without an id, sequence flows whose source or target is not in their
process, and messages, signals, errors, escalations and called processes that do not exist.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from lxml import etree

from .elements import FLOW_NODES
from .errors import Problem
from .xml import BPMN_NS, describe

_B = f"{{{BPMN_NS}}}"
# Real processes have tens to hundreds of flow nodes; parsing cost grows with the count.
MAX_FLOW_NODES = 2_000
MAX_PROCESSES = 200
_CONTAINERS = {"process", "subProcess", "transaction", "adHocSubProcess"}


@dataclass
class ProcessNode:
    file: str
    node: etree._Element

    @property
    def key(self) -> str:
        return self.node.get("id") or ""

    @property
    def executable(self) -> bool:
        return (self.node.get("isExecutable") or "true").strip() != "false"


def processes_of(roots: dict[str, etree._Element]) -> list[ProcessNode]:
    """Every top-level bpmn:process of the BPMN documents, in file then document order."""
    return [
        ProcessNode(file, node)
        for file, root in sorted(roots.items())
        for node in root.iterchildren(f"{_B}process")
    ]


def _not_executable(process: ProcessNode, *, alone: bool) -> str:
    """Why a process that is not executable is left out (`alone`: it is the only one)."""
    values = {
        "key": process.key,
        "named": _named(process.node),
        "value": process.node.get("isExecutable"),
    }
    if alone:
        return (
            _(
                'No executable process in the deployment: Process "%(key)s"%(named)s is not '
                'executable (isExecutable="%(value)s"), so it cannot run; set '
                'isExecutable="true" on it to deploy it.'
            )
            % values
        )
    return (
        _(
            'Process "%(key)s"%(named)s is not executable (isExecutable="%(value)s"), so it is '
            'not deployed; set isExecutable="true" on it to deploy it.'
        )
        % values
    )


def _named(node: etree._Element) -> str:
    name = " ".join((node.get("name") or "").split())
    return f" ({name})" if name else ""


def executable_problems(
    roots: dict[str, etree._Element],
) -> tuple[list[Problem], list[Problem]]:
    """(problems, warnings) about which processes can be deployed at all."""
    processes = processes_of(roots)
    if any(p.executable for p in processes):
        warnings = [
            Problem(_not_executable(p, alone=False), p.file, p.key, p.node.sourceline)
            for p in processes
            if not p.executable
        ]
        return [], warnings
    problems = [
        Problem(
            _not_executable(p, alone=True),
            p.file,
            p.key,
            p.node.sourceline,
        )
        for p in processes
    ]
    with_process = {p.file for p in processes}
    for file, root in sorted(roots.items()):
        if file not in with_process:
            problems.append(
                Problem(
                    _(
                        "No executable process in the deployment: the file holds no "
                        "bpmn:process element (only a diagram of participants, or nothing at all)."
                    ),
                    file,
                    line=root.sourceline,
                )
            )
    return problems, []


def size_problems(roots: dict[str, etree._Element]) -> list[Problem]:
    """A deployment with more processes or flow nodes than anyone models is refused early."""
    processes = processes_of(roots)
    if len(processes) > MAX_PROCESSES:
        message = _("The deployment holds %(count)s processes; the limit is %(limit)s.") % {
            "count": number_format(len(processes), force_grouping=True),
            "limit": MAX_PROCESSES,
        }
        return [Problem(message, processes[0].file)]
    count = sum(
        1
        for process in processes_of(roots)
        if process.executable
        for node in process.node.iter()
        if _localname(node) in FLOW_NODES
    )
    if count <= MAX_FLOW_NODES:
        return []
    first = next(p for p in processes_of(roots) if p.executable)
    return [
        Problem(
            _(
                "The executable processes hold %(count)s tasks, events and gateways; the "
                "limit is %(limit)s. Split the work into smaller processes."
            )
            % {
                "count": number_format(count, force_grouping=True),
                "limit": number_format(MAX_FLOW_NODES, force_grouping=True),
            },
            first.file,
        )
    ]


def duplicate_process_problems(roots: dict[str, etree._Element]) -> list[Problem]:
    seen: dict[str, ProcessNode] = {}
    problems = []
    for process in processes_of(roots):
        first = seen.setdefault(process.key, process)
        if first is process or not process.key:
            continue
        problems.append(
            Problem(
                _(
                    'Process id "%(key)s" is used twice: it is already the id of the process '
                    "at line %(line)s of %(file)s. Process ids must be unique across a "
                    "deployment."
                )
                % {"key": process.key, "line": first.node.sourceline, "file": first.file},
                process.file,
                process.key,
                process.node.sourceline,
            )
        )
    return problems


def _localname(node: etree._Element) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _flow_problems(file: str, container: etree._Element) -> list[Problem]:
    """Flow nodes without ids and sequence flows leading nowhere, in one process or sub-process."""
    ids = {node.get("id") for node in container.iter() if node.get("id")}
    where = f'{_localname(container)} "{container.get("id", "")}"'
    problems = []
    for node in container.iterchildren():
        kind = _localname(node)
        if kind not in FLOW_NODES and kind != "sequenceFlow":
            continue
        if not node.get("id"):
            message = _("%(element)s has no id; every flow element needs one.") % {
                "element": describe(node)
            }
            problems.append(Problem(message, file, "", node.sourceline))
            continue
        if kind != "sequenceFlow":
            continue
        for end in ("sourceRef", "targetRef"):
            ref = (node.get(end) or "").strip()
            if ref in ids:
                continue
            values = {"element": describe(node), "end": end, "ref": ref, "where": where}
            if ref:
                message = (
                    _(
                        '%(element)s has %(end)s="%(ref)s", but %(where)s has no element with '
                        "that id."
                    )
                    % values
                )
            else:
                message = (
                    _("%(element)s has no %(end)s; a sequence flow connects two elements.") % values
                )
            problems.append(Problem(message, file, node.get("id"), node.sourceline))
    return problems


def flow_problems(file: str, process: etree._Element) -> list[Problem]:
    problems = []
    for container in process.iter(*(f"{_B}{tag}" for tag in _CONTAINERS)):
        problems.extend(_flow_problems(file, container))
    return problems


_EVENT_REFS = {
    "messageRef": "message",
    "signalRef": "signal",
    "errorRef": "error",
    "escalationRef": "escalation",
}


def _owner(node: etree._Element) -> etree._Element:
    """An event definition is reported as the event that holds it."""
    if _localname(node).endswith("EventDefinition") and node.getparent() is not None:
        return node.getparent()
    return node


_NEEDS_MESSAGE = {"messageEventDefinition", "receiveTask"}


def _missing_message(node: etree._Element) -> str | None:
    """A message event or receive task that names no message would wait (or throw) for
    nothing: SpiffWorkflow accepts it and fails when the instance reaches it."""
    if _localname(node) not in _NEEDS_MESSAGE or (node.get("messageRef") or "").strip():
        return None
    owner = _owner(node)
    return _(
        "%(element)s names no message (its messageRef is empty): add a bpmn:message to the "
        "file and select it on the element, or draw a plain event or task instead."
    ) % {"element": describe(owner)}


def message_problems(roots: dict[str, etree._Element]) -> list[Problem]:
    """Message events and receive tasks of executable processes that name no message."""
    problems = []
    for process in processes_of(roots):
        if not process.executable:
            continue
        for node in process.node.iter(f"{_B}messageEventDefinition", f"{_B}receiveTask"):
            if (message := _missing_message(node)) is not None:
                owner = _owner(node)
                problems.append(
                    Problem(message, process.file, owner.get("id", ""), owner.sourceline)
                )
    return problems


def reference_problems(roots: dict[str, etree._Element]) -> list[Problem]:
    """Messages, signals, errors, escalations and called processes that are not defined.

    SpiffWorkflow looks a message (signal, …) up in the same document and a called process
    anywhere in the deployment; a missing one makes its parser fail with a TypeError.
    """
    process_ids = {p.key for p in processes_of(roots)}
    defined: dict[tuple[str, str, str], int] = {}  # (file, kind, id) -> how many
    for file, root in roots.items():
        for kind in _EVENT_REFS.values():
            for node in root.iter(f"{_B}{kind}"):
                key = (file, kind, node.get("id") or "")
                defined[key] = defined.get(key, 0) + 1
    problems = []
    for process in processes_of(roots):
        if not process.executable:
            continue
        for node in process.node.iter():
            if not isinstance(node.tag, str):
                continue
            for attribute, kind in _EVENT_REFS.items():
                ref = node.get(attribute)
                if ref is None or _localname(node) == kind:
                    continue
                count = defined.get((process.file, kind, ref), 0)
                if count != 1:
                    owner = _owner(node)
                    values = {
                        "element": describe(owner),
                        "attribute": attribute,
                        "ref": ref,
                        "kind": kind,
                    }
                    if count:
                        message = (
                            _(
                                '%(element)s refers to %(attribute)s="%(ref)s", but the file '
                                "defines more than one bpmn:%(kind)s with that id."
                            )
                            % values
                        )
                    else:
                        message = (
                            _(
                                '%(element)s refers to %(attribute)s="%(ref)s", but the file '
                                "defines no bpmn:%(kind)s with that id."
                            )
                            % values
                        )
                    problems.append(
                        Problem(message, process.file, owner.get("id", ""), owner.sourceline)
                    )
            called = node.get("calledElement")
            if _localname(node) == "callActivity" and called and called not in process_ids:
                message = _(
                    '%(element)s calls the process "%(called)s", but no file of the '
                    "deployment defines a process with that id and none has been deployed "
                    "before; deploy the called process first, or in the same bundle."
                ) % {"element": describe(node), "called": called}
                problems.append(Problem(message, process.file, node.get("id", ""), node.sourceline))
    return problems
