"""The business's refusals are marked for translation (docs/i18n.md).

Every `raise` of a refusal a person reads — `invalid(field, …)`, InvalidData,
InvalidTransition, NotEnoughStock, Conflict, Forbidden, NotFound, ValidationError … — in
the business (`processes/`), the engine's services, the API and the pages says its sentence
through gettext. A plain English literal or f-string in one fails this test with its file
and line; so does a function that says `_(…)` and also binds `_` itself (which makes every
`_(…)` in it fail when it runs).

The diagram parser (`engine/parsing/`) and the form loader (`forms/loader.py`) build their
sentences before anything is raised (a Problem per fault, a warning per lenient rewrite):
there every literal or f-string of prose outside gettext fails, wherever it stands, except
docstrings, log lines and the library texts they recognise (`startswith`, `re.compile`,
comparisons, MATCHED_TEXTS).

Left out: the Camunda-compatible REST surface (`api/camunda/`, and the external-task
services behind it), whose readers are worker programs written against Camunda's English
messages.
"""

import ast
import re
from pathlib import Path

from django.conf import settings

# The exceptions whose message reaches a person (API 400/409 bodies, pages, incidents).
REFUSALS = {
    "invalid",
    "_refused",
    "InvalidData",
    "InvalidTransition",
    "NotEnoughStock",
    "Conflict",
    "Forbidden",
    "NotFound",
    "PermissionDenied",
    "ValidationError",
    "FormConversionError",  # the forms editor's
    "DeploymentInvalid",  # a deployment's problems
    "ValidationException",  # what the parser raises for SpiffWorkflow to report
    "InvalidForm",  # the form loader's
    "FormNotFound",
    "PatternRefused",
}
# Their first argument is a field name, not a sentence.
FIELD_FIRST = {"invalid", "_refused"}
GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "npgettext",
}
NOT_SENTENCES = {"code"}  # keyword arguments that carry codes, not words
SCANNED = ["processes", "engine", "api", "web", "forms", "profiles"]
NOT_SCANNED = [("api", "camunda"), ("engine", "services", "external")]
LETTER = re.compile(r"[^\W\d_]")

# Where sentences are built long before they are raised: every piece of prose is checked.
PROSE = [("engine", "parsing"), ("forms", "loader.py")]
# The DMN modules say every sentence through gettext too; none is left out any more.
DMN_NOT_YET: set[str] = set()
DMN_FUNCTIONS_NOT_YET: set[tuple[str, str]] = set()
# Module constants that hold a library's own text, recognised in what it raises.
MATCHED_TEXTS = {"_NO_CONDITION"}
WORDS = re.compile(r"[^\W\d_]{2,}\s+[^\W\d_]{2,}")
RECOGNISING = {"startswith", "endswith", "compile", "match", "search", "sub"}
LOGGING = {"debug", "info", "warning", "error", "exception", "critical"}


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _bare_strings(node: ast.AST):
    """The string literals of an argument that no gettext call wraps."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str) and LETTER.search(node.value):
            yield node
    elif isinstance(node, ast.JoinedStr):
        yield node
    elif isinstance(node, ast.Call):
        if _name(node.func) in GETTEXT:
            return
        if isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            yield from _bare_strings(node.func.value)
        for argument in node.args:
            yield from _bare_strings(argument)
    elif isinstance(node, ast.Dict):
        for value in node.values:
            yield from _bare_strings(value)
    elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        for element in node.elts:
            yield from _bare_strings(element)
    elif isinstance(node, (ast.ListComp, ast.SetComp)):
        yield from _bare_strings(node.elt)
    elif isinstance(node, ast.DictComp):
        yield from _bare_strings(node.value)
    elif isinstance(node, ast.BinOp):
        yield from _bare_strings(node.left)
    elif isinstance(node, ast.IfExp):
        yield from _bare_strings(node.body)
        yield from _bare_strings(node.orelse)


def _refusal_call(raised: ast.expr) -> ast.Call | None:
    """The refusal a `raise` makes: `raise invalid(…)`, `raise Conflict(…)`, or one built
    inside another call (`raise serializers.ValidationError(…)` counts by its own name)."""
    if isinstance(raised, ast.Call) and _name(raised.func) in REFUSALS:
        return raised
    return None


def english_refusals(source: str, filename: str = "<source>") -> list[str]:
    """`file:line: text` of each refusal sentence not marked for translation."""
    tree = ast.parse(source, filename)
    not_yet = _not_yet(tree, filename)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Raise) or node.exc is None or id(node) in not_yet:
            continue
        call = _refusal_call(node.exc)
        if call is None:
            continue
        arguments = call.args[1:] if _name(call.func) in FIELD_FIRST else call.args
        arguments = [*arguments, *(k.value for k in call.keywords if k.arg not in NOT_SENTENCES)]
        for argument in arguments:
            for literal in _bare_strings(argument):
                found.append(f"{filename}:{literal.lineno}: {ast.unparse(literal)[:80]}")
    return found


def shadowed_gettext(source: str, filename: str = "<source>") -> list[str]:
    """Functions that call `_(…)` and also assign `_` (`x, _ = …`, `for _ in …`)."""
    tree = ast.parse(source, filename)
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        calls = binds = False
        for node in ast.walk(function):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                calls |= node.func.id == "_"
            if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
                binds = True
        if calls and binds:
            found.append(f"{filename}:{function.lineno}: {function.name}")
    return found


def _not_said(tree: ast.AST) -> set[int]:
    """Nodes whose strings nobody reads as a sentence: docstrings, gettext's own arguments,
    log lines, the library texts a message is recognised by, and MATCHED_TEXTS."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skipped.add(id(first.value))
        inside = False
        if isinstance(node, ast.Call):
            name = _name(node.func)
            logged = (
                isinstance(node.func, ast.Attribute)
                and name in LOGGING
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "logger"
            )
            inside = name in GETTEXT or name in RECOGNISING or logged
        elif isinstance(node, ast.Compare):
            inside = True
        elif isinstance(node, ast.Assign):
            inside = any(isinstance(t, ast.Name) and t.id in MATCHED_TEXTS for t in node.targets)
        if inside:
            skipped.update(id(sub) for sub in ast.walk(node))
    return skipped


def _not_yet(tree: ast.AST, filename: str) -> set[int]:
    """The nodes of the functions DMN_FUNCTIONS_NOT_YET names."""
    return {
        id(sub)
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and (filename, node.name) in DMN_FUNCTIONS_NOT_YET
        for sub in ast.walk(node)
    }


def english_prose(source: str, filename: str = "<source>") -> list[str]:
    """`file:line: text` of each literal or f-string of words that gettext does not wrap."""
    tree = ast.parse(source, filename)
    skipped = _not_said(tree) | _not_yet(tree, filename)
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(sub) for sub in ast.walk(node))
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        if WORDS.search(text):
            found.append(f"{filename}:{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def prose_sources():
    base = Path(settings.BASE_DIR)
    for parts in PROSE:
        top = base.joinpath(*parts)
        for path in sorted(top.rglob("*.py")) if top.is_dir() else [top]:
            name = str(path.relative_to(base))
            if name not in DMN_NOT_YET:
                yield name, path.read_text(encoding="utf-8")


def product_sources():
    base = Path(settings.BASE_DIR)
    for top in SCANNED:
        for path in sorted((base / top).rglob("*.py")):
            parts = path.relative_to(base).parts
            if "migrations" in parts or any(parts[: len(skip)] == skip for skip in NOT_SCANNED):
                continue
            if str(path.relative_to(base)) in DMN_NOT_YET:
                continue
            yield str(path.relative_to(base)), path.read_text(encoding="utf-8")


def test_every_refusal_of_the_business_is_marked_for_translation():
    found = [line for name, text in product_sources() for line in english_refusals(text, name)]
    assert not found, (
        f"{len(found)} refusal(s) in plain English; say them with gettext and named "
        "placeholders, and translate them in locale/fr and locale/ru (docs/i18n.md):\n  "
        + "\n  ".join(found)
    )


def test_what_the_parser_and_the_form_loader_say_is_marked_for_translation():
    found = [line for name, text in prose_sources() for line in english_prose(text, name)]
    assert not found, (
        f"{len(found)} sentence(s) of the diagram parser or the form loader in plain English; "
        "say them with gettext and named placeholders (docs/i18n.md):\n  " + "\n  ".join(found)
    )


def test_no_function_hides_gettext_behind_a_local_underscore():
    found = [line for name, text in product_sources() for line in shadowed_gettext(text, name)]
    assert not found, "functions that say _(…) but also bind _:\n  " + "\n  ".join(found)


def test_the_scan_finds_english_refusals_and_passes_translated_ones():
    source = """
def refuse(order, raw):
    raise invalid("lines", f"Line {raw} is not on {order.number}.")
    raise InvalidTransition("Only open purchase requests can be ordered.")
    raise serializers.ValidationError({"sku": ["The SKU cannot change."]})
    raise NotEnoughStock("Only %s left" % raw)
    raise invalid("lines", _("Line %(number)s is not on %(order)s.") % {"number": raw})
    raise InvalidTransition(REFUSED["sent"] % {"number": order.number})
    raise ValueError(f"{raw!r} is not an id")
    raise InvalidData(_("Some are missing."), {"ids": [", ".join(missing)]})
"""
    assert [line.split(": ", 1)[0] for line in english_refusals(source)] == [
        "<source>:3",
        "<source>:4",
        "<source>:5",
        "<source>:6",
    ]


def test_the_scan_finds_a_local_underscore():
    source = """
def update(stage, data):
    if data:
        raise invalid("stage", _("The stage holds open deals."))
    stage, _ = model_update(instance=stage, data=data)
"""
    assert shadowed_gettext(source) == ["<source>:2: update"]


def test_the_prose_scan_finds_english_sentences_and_passes_the_others():
    source = '''
"""A module docstring says what it does."""
import logging
logger = logging.getLogger(__name__)
_NO_CONDITION = "Non-default exclusive outgoing sequence flow without condition"
HINT = "a constant read by a person"
TAG = f"{{{NS}}}process"


def explain(node, message, count):
    """A function's docstring."""
    logger.exception("Checking the deployment %s failed", node)
    if message.startswith("There is no support implemented"):
        return f"{describe(node)} has {count} outgoing flows."
    if "Excessive depth" in message:
        return _("%(element)s is nested too deeply.") % {"element": describe(node)}
    return problems.append(Problem(f"{node} is refused: {message}", "file.bpmn"))
'''
    assert [line.split(": ", 1)[0] for line in english_prose(source)] == [
        "<source>:6",
        "<source>:14",
        "<source>:17",
    ]
