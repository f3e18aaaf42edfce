"""What HyperCRM checks in Camunda 7's input/output parameters and listeners before deploying.

They run on activities, and execution listeners on the process too
(engine/dialects/camunda_io.py compiles them): a refusal here names the element and what
cannot run — a listener on an event, gateway or flow, parameters on anything but an
activity, a task listener's event other than create and complete, an execution
listener's other than start and end, a script in another language than Python, a Java class or
delegate expression (camunda.py words that one). `pieces` gives the Python they hold to
the sandbox's checks (scripts.py).
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _
from lxml import etree

from engine.dialects.camunda_io import (
    ENDING,
    PYTHON_FORMATS,
    STARTING,
    IoRefused,
    children,
    local,
    parameter_code,
    parameters_of,
    script_of,
    text_expression,
)
from engine.dialects.juel import juel_to_python

from .errors import Problem
from .service_inputs import calls_connector
from .xml import ACTIVITY_TAGS, BPMN_NS, CAMUNDA_NS, describe

_B = f"{{{BPMN_NS}}}"
_C = f"{{{CAMUNDA_NS}}}"
LISTENERS = ("executionListener", "taskListener")


def _owner(node: etree._Element) -> etree._Element:
    parent = node.getparent()
    while parent is not None and local(parent) == "extensionElements":
        parent = parent.getparent()
    return parent if parent is not None else node


def is_java(listener: etree._Element) -> bool:
    return bool(listener.get("class") or listener.get("delegateExpression"))


def _script_refusal(element: str, script: etree._Element) -> str | None:
    language = (script.get("scriptFormat") or "").strip()
    if script.get("resource"):
        return _(
            '%(element)s reads a script from camunda:resource="%(resource)s", which HyperCRM '
            "does not load: write the Python script into the diagram."
        ) % {"element": element, "resource": script.get("resource")}
    if language.lower() not in PYTHON_FORMATS:
        return _(
            "%(element)s has a script in “%(language)s”, which HyperCRM does not run: scripts "
            'are Python (scriptFormat="python").'
        ) % {"element": element, "language": language}
    return None


def _compile_refusal(element: str, parameter: etree._Element) -> str | None:
    try:
        parameter_code(parameter)
    except IoRefused as exc:
        kind, what, _detail = exc.args
        if kind == "name":
            return _(
                "%(element)s has the parameter “%(name)s”, which is not a variable name: use "
                "letters, digits and _, not starting with a digit or _."
            ) % {"element": element, "name": what}
        if kind == "script_value":
            return _(
                "%(element)s: the script of the parameter “%(name)s” must end with the "
                "expression whose value the parameter takes (e.g. a last line `total`)."
            ) % {"element": element, "name": what}
        return _(
            "%(element)s: the parameter “%(name)s” holds a camunda:%(kind)s inside a list or "
            "map, which HyperCRM does not read: compute it in a Python camunda:script."
        ) % {"element": element, "name": parameter.get("name") or "", "kind": what}
    return None


def _listener_refusal(element: str, owner: etree._Element, listener: etree._Element) -> str | None:
    tag, event = local(listener), (listener.get("event") or "").strip()
    kind = local(owner)
    placed = kind == "userTask" if tag == "taskListener" else kind in ACTIVITY_TAGS | {"process"}
    if not placed:
        return _(
            "%(element)s has a Camunda listener (%(tag)s), which HyperCRM runs on tasks, "
            "sub-processes, call activities and the process only (a task listener on a user "
            "task): put the work in a task on the flow."
        ) % {"element": element, "tag": f"camunda:{tag}"}
    if event not in (STARTING[tag], ENDING[tag]):
        return _(
            "%(element)s has a Camunda %(tag)s on the event “%(event)s”, which HyperCRM does "
            "not run: it runs execution listeners on start and end, task listeners on create "
            "and complete."
        ) % {"element": element, "tag": f"camunda:{tag}", "event": event}
    script = script_of(listener)
    if script is not None:
        return _script_refusal(element, script)
    if not (listener.get("expression") or "").strip():
        return _("%(element)s has a Camunda %(tag)s with neither an expression nor a script.") % {
            "element": element,
            "tag": f"camunda:{tag}",
        }
    return None


def io_problems(file: str, process: etree._Element) -> list[Problem]:
    """Refusals of the parameters and listeners (not Java: camunda.py) of one process."""
    problems: list[Problem] = []
    for mapping in process.iter(f"{_C}inputOutput"):
        owner = _owner(mapping)
        element = describe(owner)
        if calls_connector(owner):
            continue  # a connector's parameters (service_inputs.py)
        if local(owner) not in ACTIVITY_TAGS:
            reason = _(
                "%(element)s has camunda:inputOutput, which HyperCRM runs on tasks, sub-processes "
                "and call activities only: set the variables in a task before it."
            ) % {"element": element}
            problems.append(Problem(reason, file, owner.get("id", ""), mapping.sourceline))
            continue
        for parameter in children(mapping):
            script = script_of(parameter)
            reason = _script_refusal(element, script) if script is not None else None
            if reason is None:
                reason = _compile_refusal(element, parameter)
            if reason:
                problems.append(Problem(reason, file, owner.get("id", ""), parameter.sourceline))
    for tag in LISTENERS:
        for listener in process.iter(f"{_C}{tag}"):
            owner = _owner(listener)
            if not is_java(listener) and (
                reason := _listener_refusal(describe(owner), owner, listener)
            ):
                problems.append(Problem(reason, file, owner.get("id", ""), listener.sourceline))
    return problems


def _values(holder: etree._Element) -> Iterator[etree._Element]:
    """The elements whose text is a value: the parameter, or its list's and map's values."""
    nested = children(holder)
    if not nested:
        yield holder
    elif local(nested[0]) in ("list", "map"):
        for item in children(nested[0]):
            yield from _values(item)


def _python_script(holder: etree._Element) -> etree._Element | None:
    script = script_of(holder)
    if script is None or (script.get("scriptFormat") or "").strip().lower() not in PYTHON_FORMATS:
        return None
    return script


def pieces(
    scope: etree._Element,
) -> Iterator[tuple[str | None, etree._Element, etree._Element, str]]:
    """(Python, element holding it, activity, what) of each parameter and listener."""
    for tag in ACTIVITY_TAGS:
        for owner in scope.iter(f"{_B}{tag}"):
            if calls_connector(owner):
                continue
            for kind in ("inputParameter", "outputParameter"):
                what = "input_parameter" if kind == "inputParameter" else "output_parameter"
                for parameter in parameters_of(owner, kind):
                    if (script := _python_script(parameter)) is not None:
                        yield script.text, script, owner, f"{what}_script"
                        continue
                    for value in _values(parameter):
                        if "{" in (value.text or ""):
                            yield text_expression(value.text or ""), value, owner, what
            yield from _listener_pieces(owner)
    yield from _listener_pieces(scope)


def _listener_pieces(
    owner: etree._Element,
) -> Iterator[tuple[str | None, etree._Element, etree._Element, str]]:
    for tag in LISTENERS:
        for listener in owner.iterfind(f"{_B}extensionElements/{_C}{tag}"):
            if (script := _python_script(listener)) is not None:
                yield script.text, script, owner, "listener_script"
            elif expression := listener.get("expression"):
                yield juel_to_python(expression.strip()), listener, owner, "listener"
