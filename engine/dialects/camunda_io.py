"""Camunda 7's input/output parameters and listeners, compiled to an activity's pre/post script.

An activity's `camunda:inputParameter`s, its start execution listeners and a user task's
create task listeners become its pre-script (run when it starts); its complete task
listeners, end execution listeners and `camunda:outputParameter`s its post-script (run
when it ends), in that order, around a spiffworkflow:preScript / postScript it may also
have. A parameter's value is text, a `${…}` expression (JUEL read as Python), text with
`${…}` inside it, a `camunda:list`, a `camunda:map` (nested at will) or a Python
`camunda:script` whose last line is the expression giving the value.

Each part of a generated script starts with a marker line (`# camunda inputParameter
"total"`), so that a failure is told with the element and the part that failed
(`failed_part`); the first line lists the input variables, which are local to the
activity: the engine sets them aside when it starts and takes them back when it ends
(engine/runtime/script_engine.py). Nothing here evaluates anything.
"""

import ast
import keyword
import re
from collections.abc import Iterator

from lxml import etree

from .juel import is_juel, juel_to_python

CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn"
_C = f"{{{CAMUNDA_NS}}}"
# A script without a scriptFormat is read as Python, as a script task's is.
PYTHON_FORMATS = {"", "python", "python3", "text/x-python", "py"}
# Task listener events and execution listener events that run, by where they run.
STARTING = {"executionListener": "start", "taskListener": "create"}
ENDING = {"executionListener": "end", "taskListener": "complete"}
_MARKER = re.compile(r'^# camunda (\w+) "(.*)"$')
_LOCALS = re.compile(r"^# camunda locals: (.*)$")
_EMBEDDED = re.compile(r"[$#]\{(.*?)\}", re.DOTALL)


class IoRefused(ValueError):
    """A parameter or listener that cannot be compiled; args: (kind, what, detail)."""


def children(node: etree._Element) -> list[etree._Element]:
    return [child for child in node if isinstance(child.tag, str)]


def local(node: etree._Element) -> str:
    return etree.QName(node).localname


def text_expression(text: str) -> str:
    """A parameter's text: one `${…}` as Python; text with `${…}` inside it joined as strings."""
    if is_juel(text):
        return juel_to_python(text.strip())
    if not text.strip():
        return "None"  # an empty parameter is null in Camunda
    parts, last = [], 0
    for match in _EMBEDDED.finditer(text):
        if match.start() > last:
            parts.append(repr(text[last : match.start()]))
        parts.append(f"str({juel_to_python('${' + match.group(1) + '}')})")
        last = match.end()
    if not parts:
        return repr(text)
    if last < len(text):
        parts.append(repr(text[last:]))
    return " + ".join(parts)


def value_expression(holder: etree._Element) -> str:
    """The Python expression of a parameter, list value or map entry (not a script)."""
    nested = children(holder)
    if not nested:
        return text_expression(holder.text or "")
    inner = nested[0]
    kind = local(inner)
    if kind == "list":
        return "[" + ", ".join(value_expression(v) for v in children(inner)) + "]"
    if kind == "map":
        entries = (f"{(e.get('key') or '')!r}: {value_expression(e)}" for e in children(inner))
        return "{" + ", ".join(entries) + "}"
    raise IoRefused("nested", kind, holder.get("name") or holder.get("key") or "")


def script_of(holder: etree._Element) -> etree._Element | None:
    """The camunda:script a parameter or listener holds, if any."""
    return next((c for c in children(holder) if local(c) == "script"), None)


def _script_value(name: str, script: str) -> str:
    """A script parameter as a function run once: its last expression is the value."""
    try:
        module = ast.parse(script)
    except SyntaxError:
        return f"{name} = None"  # refused at deploy by the script checks
    body = module.body
    if not body or not isinstance(body[-1], ast.Expr):
        raise IoRefused("script_value", name, "")
    body[-1] = ast.Return(value=body[-1].value)
    function = ast.FunctionDef(
        name="camunda_value",
        args=ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]),
        body=body,
        decorator_list=[],
    )
    module = ast.Module(body=[function], type_ignores=[])
    return f"{ast.unparse(ast.fix_missing_locations(module))}\n{name} = camunda_value()"


def parameter_code(parameter: etree._Element) -> str:
    """`name = value` for one input or output parameter."""
    name = (parameter.get("name") or "").strip()
    if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("_"):
        raise IoRefused("name", name, "")
    script = script_of(parameter)
    if script is not None:
        return _script_value(name, script.text or "")
    return f"{name} = (\n{value_expression(parameter)}\n)"


def parameters_of(node: etree._Element, kind: str) -> Iterator[etree._Element]:
    """The `kind` ("inputParameter" / "outputParameter") parameters of an activity."""
    for mapping in node.iterfind(f"./{{*}}extensionElements/{_C}inputOutput"):
        yield from mapping.iterfind(f"{_C}{kind}")


def listeners(node: etree._Element, tag: str, event: str) -> Iterator[etree._Element]:
    for listener in node.iterfind(f"./{{*}}extensionElements/{_C}{tag}"):
        if (listener.get("event") or "").strip() == event:
            yield listener


def _listener_code(listener: etree._Element) -> str:
    script = script_of(listener)
    if script is not None:
        return script.text or "pass"
    return f"(\n{juel_to_python((listener.get('expression') or '').strip())}\n)"


def _part(kind: str, name: str, code: str) -> str:
    return f'# camunda {kind} "{name}"\n{code}'


def activity_scripts(
    node: etree._Element,
    prescript: str | None,
    postscript: str | None,
    *,
    parameters: bool = True,
) -> tuple[str | None, str | None]:
    """The activity's pre-script and post-script with its Camunda parameters (unless
    `parameters` is false: a connector's) and listeners around the ones it already has."""
    inputs = list(parameters_of(node, "inputParameter")) if parameters else []
    outputs = list(parameters_of(node, "outputParameter")) if parameters else []
    before: list[str] = []
    after: list[str] = []
    for parameter in inputs:
        before.append(
            _part("inputParameter", parameter.get("name") or "", parameter_code(parameter))
        )
    for tag, event in STARTING.items():
        for listener in listeners(node, tag, event):
            before.append(_part(tag, event, _listener_code(listener)))
    for tag, event in ENDING.items():
        for listener in listeners(node, tag, event):
            after.append(_part(tag, event, _listener_code(listener)))
    for parameter in outputs:
        after.append(
            _part("outputParameter", parameter.get("name") or "", parameter_code(parameter))
        )
    written = {p.get("name") for p in outputs}
    names = " ".join(p.get("name") or "" for p in inputs if p.get("name") not in written)
    header = f"# camunda locals: {names}\n" if names else ""
    pre = "\n".join(p for p in (header + "\n".join(before), prescript) if p and p.strip())
    post = "\n".join(p for p in (postscript, "\n".join(after), header.rstrip()) if p and p.strip())
    return pre or None, post or None


def process_scripts(process: etree._Element) -> tuple[str | None, str | None]:
    """The scripts of a process's start and end execution listeners."""
    scripts = []
    for event in ("start", "end"):
        parts = [
            _part("executionListener", event, _listener_code(listener))
            for listener in listeners(process, "executionListener", event)
        ]
        scripts.append("\n".join(parts) or None)
    return scripts[0], scripts[1]


def failed_part(script: str, line: int | None) -> tuple[str, str] | None:
    """(kind, name) of the generated part on `line` of a script, if it is one."""
    found = None
    for number, text in enumerate(script.splitlines(), start=1):
        if line is not None and number > line:
            break
        if match := _MARKER.match(text):
            found = (match.group(1), match.group(2))
    return found


def local_names(script: str | None) -> list[str]:
    """The activity's input variables, listed on the first line of its generated scripts."""
    for text in (script or "").splitlines():
        if match := _LOCALS.match(text):
            return match.group(1).split()
    return []
