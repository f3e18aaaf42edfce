"""Camunda 7 extensions checked at validation: what HyperCRM does not run is refused, each
named, never accepted and then ignored. What Camunda itself treats as optional is a warning.

Run: camunda:inputOutput on tasks, sub-processes and call activities (input parameters
set the activity's local variables when it starts, output parameters write process
variables when it ends: text, `${…}`, lists, maps, Python scripts), and execution
listeners (start, end, on an activity or the process) and task listeners (create,
complete) with an expression or a Python script; engine/dialects/camunda_io.py compiles
them, camunda_io.py checks them. Refused: a listener that is a Java class or a delegate
expression, on another event, or on an event, gateway or flow; a script in another
language than Python; a script task whose script is an external resource. A start
event's form key is shown by Camunda's Tasklist only; here a case starts with the
variables it is given (warning).
Generated forms (camunda:formData) are compiled into JSON Schema forms
(engine/parsing/camunda_forms.py); what they cannot say is refused.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lxml import etree

from .camunda_forms import compile_form_data
from .camunda_io import LISTENERS, io_problems, is_java
from .errors import Problem
from .xml import BPMN_NS, CAMUNDA_NS, describe

_B = f"{{{BPMN_NS}}}"
_C = f"{{{CAMUNDA_NS}}}"

# Each refusal as a whole sentence: %(element)s names the element; the second form adds
# the Java class or delegate expression it names (%(java)s).
_REFUSED = {
    "executionListener": (
        gettext_lazy(
            "%(element)s has a Camunda execution listener, which HyperCRM does not run: draw "
            "the work as a script task or a service task on the flow instead."
        ),
        gettext_lazy(
            "%(element)s has a Camunda execution listener, which HyperCRM does not run: draw "
            "the work as a script task or a service task on the flow instead (%(java)s)."
        ),
    ),
    "taskListener": (
        gettext_lazy(
            "%(element)s has a Camunda task listener, which HyperCRM does not run: put the work "
            "in a script task before or after the user task instead (assignment is "
            "camunda:assignee / candidateGroups)."
        ),
        gettext_lazy(
            "%(element)s has a Camunda task listener, which HyperCRM does not run: put the work "
            "in a script task before or after the user task instead (assignment is "
            "camunda:assignee / candidateGroups) (%(java)s)."
        ),
    ),
}


def _owner(node: etree._Element) -> etree._Element:
    parent = node.getparent()
    while parent is not None and etree.QName(parent).localname == "extensionElements":
        parent = parent.getparent()
    return parent if parent is not None else node


def camunda_problems(file: str, process: etree._Element) -> tuple[list[Problem], list[Problem]]:
    """(refusals, warnings) about the Camunda extensions of one executable process."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for tag, (reason, with_java) in _REFUSED.items():
        for node in process.iter(f"{_C}{tag}"):
            owner = _owner(node)
            if tag in LISTENERS and not is_java(node):
                continue  # an expression or a Python script: camunda_io.py checks it
            values = {"element": describe(owner)}
            if node.get("class"):
                values["java"] = _("a Java class: %(name)s") % {"name": node.get("class")}
            elif node.get("delegateExpression"):
                values["java"] = _("a Java delegate: %(name)s") % {
                    "name": node.get("delegateExpression")
                }
            message = str(with_java if "java" in values else reason) % values
            problems.append(Problem(message, file, owner.get("id", ""), node.sourceline))
    problems.extend(io_problems(file, process))
    for node in process.iter(f"{_B}scriptTask"):
        if node.get(f"{_C}resource"):
            message = _(
                '%(element)s reads its script from camunda:resource="%(resource)s", which '
                "HyperCRM does not load: write the Python script into the task."
            ) % {"element": describe(node), "resource": node.get(f"{_C}resource")}
            problems.append(Problem(message, file, node.get("id", ""), node.sourceline))
    _form_data_problems(file, process, problems, warnings)
    for node in process.iter(f"{_B}startEvent"):
        if node.get(f"{_C}formKey"):
            message = _(
                '%(element)s has the start form "%(form)s", which is not shown: a case starts '
                "with the variables it is given (the API's variables, or the page that starts it)."
            ) % {"element": describe(node), "form": node.get(f"{_C}formKey")}
            warnings.append(Problem(message, file, node.get("id", ""), node.sourceline))
    return problems, warnings


def _form_data_problems(
    file: str, process: etree._Element, problems: list[Problem], warnings: list[Problem]
) -> None:
    """What a generated form (camunda:formData) cannot say, and a start event's, which is
    not shown."""
    for node in process.iter(f"{_C}formData"):
        owner = _owner(node)
        compiled = compile_form_data(owner, node)
        element_id = owner.get("id", "")
        problems.extend(Problem(m, file, element_id, line) for m, line in compiled.problems)
        warnings.extend(Problem(m, file, element_id, line) for m, line in compiled.warnings)
        kind = etree.QName(owner).localname
        if kind == "startEvent":
            message = _(
                "%(element)s has a generated start form (camunda:formData), which is not "
                "shown: a case starts with the variables it is given (the API's variables, "
                "or the page that starts it)."
            ) % {"element": describe(owner)}
            warnings.append(Problem(message, file, element_id, node.sourceline))
        elif kind == "userTask" and owner.get(f"{_C}formKey"):
            message = _(
                '%(element)s has both the form "%(form)s" (camunda:formKey) and generated '
                "form fields (camunda:formData): the form of the form key is shown, as in "
                "Camunda."
            ) % {"element": describe(owner), "form": owner.get(f"{_C}formKey")}
            warnings.append(Problem(message, file, element_id, node.sourceline))
        elif kind not in ("userTask", "startEvent"):
            message = _(
                "%(element)s has a generated form (camunda:formData), which only a user task "
                "or a start event shows."
            ) % {"element": describe(owner)}
            problems.append(Problem(message, file, element_id, node.sourceline))
