"""Validate a whole deployment and compile it into process specs, or say what is wrong.

Every problem is collected (file, element id, line, reason) before anything is stored, in
stages that each need the previous one to have passed: the XML of every file; then which
processes are executable, the shape and references of their flows and the XML Schema;
then SpiffWorkflow's own parse of each executable process and the forms its user tasks
name. What the sandbox refuses in scripts and expressions, those of DMN decision tables
included, is reported with either of the last two stages. Nothing SpiffWorkflow raises
escapes as an exception: it becomes a Problem naming the file (and the element when there
is one).
"""

import hashlib
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from lxml import etree

from forms.loader import FormNotFound, InvalidForm, load_form, ui_schema_name_for

from . import dialects
from .bundle import is_bpmn, is_dmn
from .camunda import camunda_problems
from .camunda_forms import FORM_DATA_PREFIX, compile_form_data, form_data_node
from .decisions import decision_problems
from .elements import read_elements
from .errors import DeploymentInvalid, Problem
from .explain import problem_from
from .links import link_problems
from .parser import HyperBpmnParser, new_parser
from .schema import schema_problems
from .scripts import script_problems
from .structure import (
    duplicate_process_problems,
    executable_problems,
    flow_problems,
    message_problems,
    processes_of,
    reference_problems,
    size_problems,
)
from .xml import (
    describe,
    find_by_id,
    id_index,
    is_bpmn_document,
    is_dmn_document,
    parse_xml,
)

MAX_PROBLEMS = 50
logger = logging.getLogger(__name__)


@dataclass
class CompiledProcess:
    key: str
    name: str
    file: str
    elements: dict[str, dict[str, Any]]
    forms: dict[str, Any]
    # What this process is made of: its file, the files of the processes it calls, every
    # DMN file and its forms. Unchanged, the process keeps its version when others change.
    content_hash: str = ""


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


# A bundle's parsed documents: file name → the document's root element.
Roots = dict[str, etree._Element]


def read_documents(files: dict[str, str]) -> tuple[Roots, Roots, list[Problem], list[Problem]]:
    """({file: BPMN root}, {file: DMN root}, problems, warnings) with the BPMN already
    normalized; the warnings say what is run leniently (lenient.py)."""
    bpmn: Roots = {}
    dmn: Roots = {}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for name in sorted(files):
        if not (is_bpmn(name) or is_dmn(name) or name.lower().endswith(".xml")):
            continue
        try:
            root = parse_xml(name, files[name])
        except DeploymentInvalid as exc:
            problems.extend(exc.problems)
            continue
        if is_dmn_document(root):
            dmn[name] = root
        elif is_bpmn_document(root):
            for node, note in dialects.normalize(root):
                warnings.append(Problem(note, name, node.get("id", ""), node.sourceline))
            bpmn[name] = root
        elif is_bpmn(name) or is_dmn(name):
            found = etree.QName(root)
            problems.append(
                Problem(
                    _(
                        "The file is XML but neither a BPMN nor a DMN document: its root element "
                        "is <%(root)s> in namespace '%(namespace)s', not <definitions> in the "
                        "BPMN 2.0 or a DMN namespace."
                    )
                    % {"root": found.localname, "namespace": found.namespace or "none"},
                    name,
                    line=root.sourceline,
                )
            )
    return bpmn, dmn, problems, warnings


def load_parser(files: dict[str, str], *, validate: bool = True) -> tuple[HyperBpmnParser, Roots]:
    """A parser holding every BPMN and DMN file of a bundle; returns it and the BPMN roots."""
    bpmn, dmn, problems, _warnings = read_documents(files)
    if problems:
        raise DeploymentInvalid(problems)
    parser = new_parser(validate)
    for name, root in dmn.items():
        parser.add_dmn_xml(root, filename=name)
    for name, root in bpmn.items():
        parser.add_bpmn_xml(root, filename=name)
    return parser, bpmn


def _gate(problems: list[Problem]) -> None:
    """Raise DeploymentInvalid with the problems (in file and line order), if there are any."""
    if not problems:
        return
    unique = sorted(dict.fromkeys(problems), key=lambda p: (p.file, p.line or 0))
    if len(unique) > MAX_PROBLEMS:
        more = len(unique) - MAX_PROBLEMS
        more_text = ngettext("…and %(count)s more problem.", "…and %(count)s more problems.", more)
        unique = [*unique[:MAX_PROBLEMS], Problem(more_text % {"count": more}, unique[0].file)]
    raise DeploymentInvalid(unique)


def _drop_overlaps(first: list[Problem], second: list[Problem]) -> list[Problem]:
    """`second` without the problems at a place `first` already explains."""
    places = {(p.file, p.line) for p in first if p.line}
    return [p for p in second if (p.file, p.line) not in places]


def _drop_inside(first: list[Problem], second: list[Problem], roots: Roots) -> list[Problem]:
    """`second` without the problems about an element inside one that `first` names: the
    DMN parser's first complaint about a rule's entry, when the rule's checks say more."""
    named = {(p.file, p.element_id) for p in first if p.element_id}
    kept = []
    for problem in second:
        node = find_by_id(roots.get(problem.file), problem.element_id)
        ancestors = node.iterancestors() if node is not None else ()
        if not any((problem.file, a.get("id")) in named for a in ancestors):
            kept.append(problem)
    return kept


def _static_problems(bpmn: Roots, dmn: Roots) -> tuple[list[Problem], list[Problem]]:
    """(problems, warnings) found without SpiffWorkflow: executability, shape, XML Schema."""
    if problems := size_problems(bpmn):
        return problems, []
    problems, warnings = executable_problems(bpmn)
    if problems:
        return problems, warnings
    shape = duplicate_process_problems(bpmn) + reference_problems(bpmn)
    for name, root in bpmn.items():
        shape.extend(link_problems(name, root))
    for process in processes_of(bpmn):
        if process.executable:
            shape.extend(flow_problems(process.file, process.node))
            refused, noted = camunda_problems(process.file, process.node)
            shape.extend(refused)
            warnings = [*warnings, *noted]
    problems = list(shape)
    for name, root in {**bpmn, **dmn}.items():
        problems.extend(_drop_overlaps(shape, schema_problems(name, root)))
    return problems, warnings


def _all_script_problems(bpmn: Roots, dmn: Roots) -> list[Problem]:
    executable = [p for p in processes_of(bpmn) if p.executable]
    problems = message_problems(bpmn)
    for name, root in bpmn.items():
        problems.extend(script_problems(name, [p.node for p in executable if p.file == name], root))
    if dmn:
        problems.extend(decision_problems(dmn))
    return problems


def _spiff_parse(
    bpmn: Roots, dmn: Roots, default_file: str
) -> tuple[HyperBpmnParser, list[str], list[Problem]]:
    """SpiffWorkflow's parser over every document; (parser, executable keys, problems)."""
    parser = new_parser(validate=False)
    problems: list[Problem] = []
    for name, root in [*dmn.items(), *bpmn.items()]:
        try:
            if name in dmn:
                parser.add_dmn_xml(root, filename=name)
            else:
                parser.add_bpmn_xml(root, filename=name)
        except Exception as exc:  # any fault of the library on an odd document is a Problem
            problems.append(problem_from(exc, {**bpmn, **dmn}, name))
    if problems:
        return parser, [], problems
    keys = parser.get_process_ids()
    for key in keys:
        file = parser.get_process_parser(key).filename or default_file
        try:
            parser.get_spec(key)
            parser.get_subprocess_specs(key)
        except Exception as exc:
            problems.append(problem_from(exc, {**bpmn, **dmn}, file))
    return parser, keys, problems


def compile_bundle(
    files: dict[str, str],
    *,
    imported: frozenset[str] = frozenset(),
    notes: tuple[Problem, ...] = (),
) -> CompiledBundle:
    """Validate everything; return the compiled bundle or raise DeploymentInvalid.

    `imported` names files added to the upload from earlier deployments (the processes its
    call activities bind to): they are checked and kept, but their processes are not
    deployed again. `notes` are warnings found before, reported with the bundle's own."""
    default_file = next(
        (n for n in sorted(files) if is_bpmn(n) and n not in imported), next(iter(files), "")
    )
    try:
        bundle = _compile(files, default_file, imported)
    except DeploymentInvalid:
        raise
    except Exception as exc:
        # Every upload gets a verdict; a fault of ours is logged, not shown as a crash.
        logger.exception("Checking the deployment %s failed", default_file)
        message = _("The deployment could not be checked (%(error)s); it is refused.") % {
            "error": type(exc).__name__
        }
        raise DeploymentInvalid([Problem(message, default_file)]) from exc
    bundle.warnings = [*bundle.warnings, *notes][:MAX_PROBLEMS]
    return bundle


def _compile(files: dict[str, str], default_file: str, imported: frozenset[str]) -> CompiledBundle:
    bundle = CompiledBundle(files=files, content_hash=content_hash(files))
    bpmn, dmn, problems, lenient = read_documents(files)
    _gate(problems)
    if not bpmn:
        _gate([Problem(_("The deployment holds no BPMN document."), default_file)])
    problems, warnings = _static_problems(bpmn, dmn)
    bundle.warnings = [w for w in lenient + warnings if w.file not in imported][:MAX_PROBLEMS]
    scripts = _all_script_problems(bpmn, dmn)
    if problems:
        _gate(problems + scripts)
    # The documents are sound XML of the right shape: SpiffWorkflow, the sandbox and the
    # form loader can now each say everything they find, reported together.
    parser, keys, problems = _spiff_parse(bpmn, dmn, default_file)
    problems = _drop_inside(scripts, problems, dmn)
    problems.extend(scripts)
    for key in keys:
        process_parser = parser.get_process_parser(key)
        if process_parser.filename in imported:
            continue
        elements, forms = _elements_and_forms(parser, key, bpmn, files, problems)
        bundle.processes.append(
            CompiledProcess(
                key,
                process_parser.get_name() or key,
                process_parser.filename,
                elements,
                forms,
                _process_hash(parser, key, files, forms),
            )
        )
    _gate(list(dict.fromkeys(problems)))
    return bundle


def _process_hash(
    parser: HyperBpmnParser, key: str, files: dict[str, str], forms: dict[str, Any]
) -> str:
    try:
        names = [key, *parser.get_subprocess_specs(key)]
    except Exception:  # noqa: BLE001 - a missing callee was reported by the checks before
        names = [key]
    own = {parser.get_process_parser(n).filename for n in names if parser.get_process_parser(n)}
    parts = {name: text for name, text in files.items() if name in own or is_dmn(name)}
    parts["forms.json"] = json.dumps(forms, sort_keys=True)
    return content_hash(parts)


def _elements_and_forms(
    parser: HyperBpmnParser,
    key: str,
    bpmn: Roots,
    files: dict[str, str],
    problems: list[Problem],
) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """Element metadata and forms of a process and of the processes it calls: a user task
    inside a called process needs its form, candidates and due date like any other."""
    elements: dict[str, dict[str, Any]] = {}
    forms: dict[str, Any] = {}
    try:
        called = list(parser.get_subprocess_specs(key))
    except Exception:  # noqa: BLE001 - a missing callee was reported by the checks before
        called = []
    for name in [key, *called]:
        part = parser.get_process_parser(name)
        if part is None:
            continue
        part_elements = read_elements(part.node)
        part_forms, form_problems = _collect_forms(
            part.filename, bpmn.get(part.filename), part_elements, files
        )
        problems.extend(form_problems)
        for element_id, info in part_elements.items():
            elements.setdefault(element_id, info)
        for name_, form in part_forms.items():
            forms.setdefault(name_, form)
    return elements, forms


_WEB_FORMS = (".jsf", ".html", ".htm", ".xhtml", ".jsp")


def foreign_form(name: str) -> str:
    """Why a form key names a kind of form HyperCRM does not show, or ""."""
    lowered = name.strip().lower()
    if lowered.endswith(_WEB_FORMS):
        return _(
            'the form "%(name)s" is an embedded HTML or a web application\'s (JSF) form, which '
            "HyperCRM cannot show; give the task a JSON Schema form file (camunda:formKey "
            "naming a .json file in the bundle or the forms folder)."
        ) % {"name": name}
    return ""


def _collect_forms(
    file: str,
    root: etree._Element | None,
    elements: dict[str, dict[str, Any]],
    files: dict[str, str],
) -> tuple[dict[str, Any], list[Problem]]:
    forms: dict[str, Any] = {}
    problems: list[Problem] = []
    ids = id_index(root) if root is not None else {}
    # Messages say "the forms folder", not where the server keeps it.
    folder = str(settings.HYPERCRM["FORMS_DIR"])
    for element_id, info in elements.items():
        name = info.get("form")
        if not name or name in forms:
            continue
        node = ids.get(element_id)
        where = describe(node) if node is not None else _('Element "%(id)s"') % {"id": element_id}
        line = node.sourceline if node is not None else None
        form_data = form_data_node(node) if node is not None else None
        if form_data is not None and name.startswith(FORM_DATA_PREFIX):
            # Its refusals and warnings were said with the other Camunda extensions.
            compiled = compile_form_data(node, form_data)
            forms[name] = {"schema": compiled.schema, "ui_schema": compiled.ui_schema}
            continue
        if reason := foreign_form(name):
            message = _("%(element)s: %(reason)s") % {"element": where, "reason": reason}
            problems.append(Problem(message, file, element_id, line))
            continue
        try:
            schema = load_form(name, bundle=files)
        except (FormNotFound, InvalidForm) as exc:
            reason = str(exc).replace(folder, _("the forms folder"))
            message = _("%(element)s: %(reason)s.") % {"element": where, "reason": reason}
            problems.append(Problem(message, file, element_id, line))
            continue
        except Exception as exc:  # e.g. JSON nested too deeply for the reader
            message = _("%(element)s: form %(name)s cannot be read (%(error)s).") % {
                "element": where,
                "name": repr(name),
                "error": type(exc).__name__,
            }
            problems.append(Problem(message, file, element_id, line))
            continue
        ui_name = info.get("ui_form") or ui_schema_name_for(name)
        try:
            ui_schema = load_form(ui_name, bundle=files)
        except Exception:  # a missing or broken UI schema only loses the layout hints
            ui_schema = {}
        forms[name] = {"schema": schema, "ui_schema": ui_schema}
    return forms, problems
