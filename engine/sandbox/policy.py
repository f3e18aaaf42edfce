"""What the sandbox refuses before a line runs: the compile-time policy (see __init__)."""

import ast
import re
import types
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, TypeVar, cast

from django.utils.translation import gettext as _
from RestrictedPython import (
    RestrictingNodeTransformer,
    compile_restricted_eval,
    compile_restricted_exec,
)

MAX_LEN = 10_000_000  # characters of a string or items of a list built by one operation
MAX_RANGE = 1_000_000
MAX_INT_BITS = 100_000
MAX_DIGITS = 4_300  # Python's own limit for int <-> str conversions
DEFAULT_TIME_LIMIT = 2.0
_FILENAME = "<string>"  # SpiffWorkflow looks for this name to report the failing line


class ScriptRefused(Exception):
    """A construct the sandbox does not run; `line` is known when found statically."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message if line is None else f"line {line}: {message}")
        self.message = message
        self.line = line


class ScriptTimeout(Exception):
    """The script ran longer than the time limit."""


# Static policy.

_REFUSED_CALLS = frozenset(
    ["open", "compile", "getattr", "setattr", "delattr", "hasattr", "vars", "dir", "type"]
    + ["globals", "locals", "breakpoint", "input", "help", "memoryview", "super", "object"]
)
_REFUSED_NODES = {
    ast.Import: "imports are not allowed", ast.ImportFrom: "imports are not allowed",
    ast.ClassDef: "class definitions are not allowed", ast.With: "with statements are not allowed",
    # A suspended generator's `finally` would run later, outside the time limit.
    ast.Yield: "yield is not allowed", ast.YieldFrom: "yield is not allowed",
}  # fmt: skip
# Exceptions outside Exception end the process that catches nothing but Exception.
PROCESS_EXITS = frozenset(["BaseException", "SystemExit", "KeyboardInterrupt", "GeneratorExit"])
_GUARDED_BINOPS = {ast.Add: "+", ast.Mult: "*", ast.Pow: "**", ast.LShift: "<<", ast.Mod: "%"}
_AUGMENTED = {
    ast.Add: "+=", ast.Sub: "-=", ast.Mult: "*=", ast.Div: "/=", ast.FloorDiv: "//=",
    ast.Mod: "%=", ast.Pow: "**=", ast.LShift: "<<=", ast.RShift: ">>=", ast.BitAnd: "&=",
    ast.BitOr: "|=", ast.BitXor: "^=", ast.MatMult: "@=",
}  # fmt: skip

# What RestrictedPython's visit_* methods return.
_Visited = ast.AST | Iterable[ast.AST] | None
_Node = TypeVar("_Node", bound=ast.AST)


def _call(name: str, args: list[ast.expr], like: ast.AST) -> ast.Call:
    node = ast.Call(func=ast.Name(name, ast.Load()), args=args, keywords=[])
    return ast.fix_missing_locations(ast.copy_location(node, like))


def _with_deadline_check(node: _Node, field: str) -> _Node:
    if body := getattr(node, field):
        body.insert(0, ast.copy_location(ast.Expr(_call("_check_deadline_", [], node)), body[0]))
    return node


class _SandboxPolicy(RestrictingNodeTransformer):
    """RestrictedPython's policy, stricter where BPMN scripts never need the construct."""

    def visit(self, node: ast.AST) -> Any:  # Any, as ast.NodeVisitor.visit
        if reason := _REFUSED_NODES.get(type(node)):
            self.error(node, reason)
            return node
        return super().visit(node)

    def visit_Call(self, node: ast.Call) -> _Visited:
        if isinstance(node.func, ast.Name) and node.func.id in _REFUSED_CALLS:
            self.error(node, f"'{node.func.id}' is not available in scripts")
        return super().visit_Call(node)

    def visit_Name(self, node: ast.Name) -> _Visited:
        if node.id in PROCESS_EXITS:
            self.error(node, f"'{node.id}' is not available in scripts")
        return super().visit_Name(node)

    def visit_Attribute(self, node: ast.Attribute) -> _Visited:
        if node.attr in ("format", "format_map"):
            self.error(node, f"str.{node.attr} is not allowed, use an f-string")
        return super().visit_Attribute(node)

    def visit_BinOp(self, node: ast.BinOp) -> ast.expr:
        node = self.node_contents_visit(node)
        if symbol := _GUARDED_BINOPS.get(type(node.op)):
            return _call("_binop_", [ast.Constant(symbol), node.left, node.right], node)
        return node

    def visit_AugAssign(self, node: ast.AugAssign) -> _Visited:
        if not isinstance(node.target, ast.Subscript):
            return super().visit_AugAssign(node)
        # `totals[k] += v` becomes `_inplaceitem_("+=", totals, k, v)`.
        target = node.target
        args = [ast.Constant(_AUGMENTED[type(node.op)]), self.visit(target.value)]
        args += [self.visit(target.slice), self.visit(node.value)]
        return ast.copy_location(ast.Expr(_call("_inplaceitem_", args, node)), node)

    def visit_FormattedValue(self, node: ast.FormattedValue) -> ast.FormattedValue:
        # f"{x!r:>{w}}" becomes f"{_format_(x, 'r', f'>{w}')}": the width is checked first.
        node = self.node_contents_visit(node)
        spec = node.format_spec if node.format_spec is not None else ast.Constant("")
        conversion = ast.Constant(chr(node.conversion) if node.conversion > 0 else "")
        node.value = _call("_format_", [node.value, conversion, spec], node)
        node.conversion, node.format_spec = -1, None
        return node

    # RestrictedPython's visit_While, visit_ExceptHandler and visit_Try return the node given.
    def visit_While(self, node: ast.While) -> ast.While:
        return _with_deadline_check(cast(ast.While, super().visit_While(node)), "body")

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> ast.ExceptHandler:
        visited = cast(ast.ExceptHandler, super().visit_ExceptHandler(node))
        return _with_deadline_check(visited, "body")

    def visit_Try(self, node: ast.Try) -> ast.Try:
        return _with_deadline_check(cast(ast.Try, super().visit_Try(node)), "finalbody")


_PLAIN_REASONS = (
    (r'"(\w+)" is an invalid \w+ name because it starts with "_"',
     "names starting with '_' are not allowed: '{}'"),
    (r'"(\w+)" is a restricted name', "attribute '{}' is not allowed"),
    (r"(Eval|Exec) calls are not allowed", "'{}' is not available in scripts"),
)  # fmt: skip


# The reasons above in the reader's language. The compiled result is cached for every
# language, so a reason is translated when it is reported, never while compiling.
_SAID: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"imports are not allowed$"), lambda m: _("imports are not allowed")),
    (
        re.compile(r"class definitions are not allowed$"),
        lambda m: _("class definitions are not allowed"),
    ),
    (
        re.compile(r"with statements are not allowed$"),
        lambda m: _("with statements are not allowed"),
    ),
    (re.compile(r"yield is not allowed$"), lambda m: _("yield is not allowed")),
    (
        re.compile(r"'(\w+)' is not available in scripts$"),
        lambda m: _("'%(name)s' is not available in scripts") % {"name": m[1]},
    ),
    (
        re.compile(r"str\.(\w+) is not allowed, use an f-string$"),
        lambda m: _("str.%(name)s is not allowed, use an f-string") % {"name": m[1]},
    ),
    (
        re.compile(r"names starting with '_' are not allowed: '(\w+)'$"),
        lambda m: _("names starting with '_' are not allowed: '%(name)s'") % {"name": m[1]},
    ),
    (
        re.compile(r"attribute '(\w+)' is not allowed$"),
        lambda m: _("attribute '%(name)s' is not allowed") % {"name": m[1]},
    ),
)


def _said(reason: str) -> str:
    for pattern, say in _SAID:
        if found := pattern.match(reason):
            return say(found)
    return reason


def _refusal(error: str) -> ScriptRefused:
    """Turn RestrictedPython's 'Line N: reason.' into a ScriptRefused with a plain reason,
    in the reader's language when it is one of the policy's own."""
    match = re.match(r"Line (\d+|None): (.*)", error, re.DOTALL)
    line, reason = (match.group(1), match.group(2)) if match else (None, error)
    for pattern, plain in _PLAIN_REASONS:
        if found := re.match(pattern, reason):
            name = found.group(1)
            reason = plain.format(name.lower() if name in ("Eval", "Exec") else name)
            break
    reason = _said(reason.rstrip("."))
    return ScriptRefused(reason, int(line) if line and line.isdigit() else None)


@lru_cache(maxsize=512)  # the same condition runs thousands of times
def _compile(source: str, mode: str) -> tuple[types.CodeType | None, tuple[str, ...]]:
    if mode not in ("exec", "eval"):
        raise ValueError(f"mode must be 'exec' or 'eval', not {mode!r}")
    compiler = compile_restricted_exec if mode == "exec" else compile_restricted_eval
    result = compiler(source, _FILENAME, policy=_SandboxPolicy)
    return result.code, tuple(result.errors)


def check_script(source: str, *, mode: str = "exec") -> list[ScriptRefused]:
    """Return what the sandbox refuses in a script or expression; nothing is executed."""
    return [_refusal(error) for error in _compile(source, mode)[1]]


def _compiled(source: str, mode: str) -> types.CodeType:
    code, errors = _compile(source, mode)
    if errors:
        raise _refusal(errors[0])
    return cast(types.CodeType, code)  # compiled without errors: a code object
