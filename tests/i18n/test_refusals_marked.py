"""The business's refusals are marked for translation (docs/i18n.md).

Every `raise` of a refusal a person reads — `invalid(field, …)`, InvalidData,
InvalidTransition, NotEnoughStock, Conflict, Forbidden, NotFound, ValidationError … — in
the business (`processes/`), the engine's services, the API and the pages says its sentence
through gettext. A plain English literal or f-string in one fails this test with its file
and line; so does a function that says `_(…)` and also binds `_` itself (which makes every
`_(…)` in it fail when it runs).

Left out: the Camunda-compatible REST surface (`api/camunda/`, and the external-task
services behind it), whose readers are worker programs written against Camunda's English
messages; and the diagram parser's problems (DeploymentInvalid, InvalidForm), still English.
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
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Raise) or node.exc is None:
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


def product_sources():
    base = Path(settings.BASE_DIR)
    for top in SCANNED:
        for path in sorted((base / top).rglob("*.py")):
            parts = path.relative_to(base).parts
            if "migrations" in parts or any(parts[: len(skip)] == skip for skip in NOT_SCANNED):
                continue
            yield str(path.relative_to(base)), path.read_text(encoding="utf-8")


def test_every_refusal_of_the_business_is_marked_for_translation():
    found = [line for name, text in product_sources() for line in english_refusals(text, name)]
    assert not found, (
        f"{len(found)} refusal(s) in plain English; say them with gettext and named "
        "placeholders, and translate them in locale/fr and locale/ru (docs/i18n.md):\n  "
        + "\n  ".join(found)
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
