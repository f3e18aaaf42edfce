"""Validate a whole deployment and compile it into process specs, or say what is wrong.

Every problem is collected (file, element id, line, reason) before anything is stored:
well-formedness, BPMN schema, SpiffWorkflow's own checks, scripts and expressions that the
sandbox refuses, unsupported script languages, and forms that cannot be found or read.
"""

import hashlib
from dataclasses import dataclass, field

from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.exceptions import SpiffWorkflowException

from engine.sandbox import check_script
from forms.loader import FormNotFound, InvalidForm, load_form, ui_schema_name_for

from . import dialects
from .bundle import is_bpmn, is_dmn
from .elements import read_elements
from .errors import DeploymentInvalid, Problem
from .parser import HyperBpmnParser, new_parser
from .xml import BPMN_NS, SPIFF_NS, is_bpmn_document, is_dmn_document, line_of, parse_xml

_B = f"{{{BPMN_NS}}}"
_S = f"{{{SPIFF_NS}}}"
PYTHON_FORMATS = {"", "python", "python3", "text/x-python", "py"}


@dataclass
class CompiledProcess:
    key: str
    name: str
    file: str
    elements: dict
    forms: dict


@dataclass
class CompiledBundle:
    files: dict[str, str]
    content_hash: str
    processes: list[CompiledProcess] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def content_hash(files: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(files[name].encode())
        digest.update(b"\0")
    return digest.hexdigest()


def load_parser(files: dict[str, str], *, validate: bool = True) -> tuple[HyperBpmnParser, dict]:
    """A parser holding every BPMN and DMN file of a bundle; returns it and the XML roots."""
    parser = new_parser(validate)
    roots = {}
    for name in sorted(files):
        if not (is_bpmn(name) or is_dmn(name) or name.lower().endswith(".xml")):
            continue
        root = parse_xml(name, files[name])
        if is_dmn_document(root):
            parser.add_dmn_xml(root, filename=name)
        elif is_bpmn_document(root):
            dialects.normalize(root)
            parser.add_bpmn_xml(root, filename=name)
            roots[name] = root
        elif is_bpmn(name) or is_dmn(name):
            raise DeploymentInvalid(
                [Problem("The file is XML but neither a BPMN nor a DMN document.", name, line=1)]
            )
    return parser, roots


def _problem_from(exc: SpiffWorkflowException, roots: dict, default_file: str) -> Problem:
    file = getattr(exc, "file_name", "") or default_file
    element_id = getattr(exc, "id", "") or ""
    line = getattr(exc, "line_number", None)
    if not isinstance(line, int) or not line:
        line = line_of(roots[file], element_id) if file in roots else None
    message = str(exc.args[0]) if exc.args else str(exc)
    notes = getattr(exc, "__notes__", None) or []
    if notes:
        message = f"{message} ({'; '.join(notes)})"
    return Problem(message, file, element_id, line)


def compile_bundle(files: dict[str, str]) -> CompiledBundle:
    """Validate everything; return the compiled bundle or raise DeploymentInvalid."""
    bundle = CompiledBundle(files=files, content_hash=content_hash(files))
    default_file = next((n for n in sorted(files) if is_bpmn(n)), next(iter(files), ""))
    roots: dict = {}
    try:
        parser, roots = load_parser(files)
        process_ids = parser.get_process_ids()
        for key in process_ids:
            parser.get_spec(key)
            parser.get_subprocess_specs(key)
    except ValidationException as exc:
        raise DeploymentInvalid([_problem_from(exc, roots, default_file)])
    except SpiffWorkflowException as exc:
        raise DeploymentInvalid([_problem_from(exc, roots, default_file)])

    problems: list[Problem] = []
    for file, root in roots.items():
        problems.extend(_check_expressions(file, root))
    called = set()
    for key in process_ids:
        process_parser = parser.get_process_parser(key)
        called.update(process_parser.called_element_ids())
    for key in process_ids:
        process_parser = parser.get_process_parser(key)
        file = process_parser.filename
        elements = read_elements(process_parser.node)
        forms, form_problems = _collect_forms(file, roots.get(file), elements, files)
        problems.extend(form_problems)
        bundle.processes.append(
            CompiledProcess(key, process_parser.get_name() or key, file, elements, forms)
        )
    if not process_ids:
        problems.append(
            Problem(
                'No executable process: mark a process isExecutable="true" to deploy it.',
                default_file,
            )
        )
    if problems:
        raise DeploymentInvalid(problems)
    return bundle


def _collect_forms(file, root, elements, files) -> tuple[dict, list[Problem]]:
    forms: dict = {}
    problems: list[Problem] = []
    for element_id, info in elements.items():
        name = info.get("form")
        if not name or name in forms:
            continue
        try:
            schema = load_form(name, bundle=files)
        except (FormNotFound, InvalidForm) as exc:
            line = line_of(root, element_id) if root is not None else None
            problems.append(Problem(str(exc), file, element_id, line))
            continue
        ui_name = info.get("ui_form") or ui_schema_name_for(name)
        try:
            ui_schema = load_form(ui_name, bundle=files)
        except (FormNotFound, InvalidForm):
            ui_schema = {}
        forms[name] = {"schema": schema, "ui_schema": ui_schema}
    return forms, problems


def _expressions(root: etree._Element):
    """(element, text, mode, what) for every piece of Python a BPMN document carries."""
    for node in root.iter(f"{_B}scriptTask"):
        fmt = (node.get("scriptFormat") or "").strip().lower()
        script = node.find(f"{_B}script")
        if fmt not in PYTHON_FORMATS:
            yield node, None, fmt, "script"
        elif script is not None and script.text:
            yield node, script.text, "exec", "script"
    for tag in ("preScript", "postScript"):
        for node in root.iter(f"{_S}{tag}"):
            if node.text:
                yield _owner(node), node.text, "exec", tag
    for tag, what in (
        ("conditionExpression", "condition"),
        ("completionCondition", "completion condition"),
        ("loopCardinality", "loop cardinality"),
        ("timeDuration", "timer"),
        ("timeDate", "timer"),
        ("timeCycle", "timer"),
    ):
        for node in root.iter(f"{_B}{tag}"):
            if node.text and node.text.strip():
                yield _owner(node), node.text.strip(), "eval", what
    for node in root.iter(f"{_S}parameter"):
        if node.get("value"):
            yield _owner(node), node.get("value"), "eval", "service parameter"


def _owner(node: etree._Element) -> etree._Element:
    while node is not None and not node.get("id"):
        node = node.getparent()
    return node


def _check_expressions(file: str, root: etree._Element) -> list[Problem]:
    problems = []
    for node, text, mode, what in _expressions(root):
        element_id = node.get("id", "") if node is not None else ""
        line = node.sourceline if node is not None else None
        if text is None:
            problems.append(
                Problem(
                    f"Script language '{mode}' is not supported; scripts are Python.",
                    file,
                    element_id,
                    line,
                )
            )
            continue
        for refusal in check_script(text, mode=mode):
            problems.append(
                Problem(f"The {what} is refused: {refusal.message}", file, element_id, line)
            )
    return problems
