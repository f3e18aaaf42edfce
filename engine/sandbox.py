"""The sandbox every script and expression from uploaded BPMN runs in.

Threat model: whoever can deploy a diagram can put Python into script tasks, conditions,
pre/post scripts, service-task parameters and timer expressions, and the engine runs it in
the web and worker processes, next to the database and the settings. The sandbox must keep
that code from reaching the interpreter (imports, open/eval/getattr, dunder attributes that
lead to `object.__subclasses__()` or a function's globals, frames, str.format field lookups)
and from holding a worker forever.

Defences: RestrictedPython's compiler plus our policy refuse the constructs statically, so a
refused script runs no line at all; at run time only curated builtins and helpers exist,
attribute access goes through a guard, a `sys.settrace` deadline stops long scripts (and
every `except`/`finally` re-checks it, so a script cannot swallow the timeout), and `*`,
`**`, `+`, `<<`, `range`, `pow` and the str/list methods that grow text refuse huge results.
Not covered: memory grown by format widths (`f"{x:>999999999}"`, `"%*d"`) or Decimal
formatting; workers should also run under a process memory limit.
"""

import ast
import datetime as dt
import json
import math
import operator
import re
import sys
import time
import types
from decimal import Decimal
from functools import lru_cache

from RestrictedPython import (
    PrintCollector,
    RestrictingNodeTransformer,
    compile_restricted_eval,
    compile_restricted_exec,
)
from RestrictedPython.Guards import (
    full_write_guard,
    guarded_iter_unpack_sequence,
    guarded_unpack_sequence,
    safe_builtins,
)
from RestrictedPython.transformer import INSPECT_ATTRIBUTES
from SpiffWorkflow.bpmn.script_engine.python_environment import BasePythonScriptEngineEnvironment

MAX_LEN = 10_000_000  # characters of a string, items of a list, built in one operation
MAX_RANGE = 1_000_000
MAX_INT_BITS = 100_000
DEFAULT_TIME_LIMIT = 2.0
_FILENAME = "<string>"  # SpiffWorkflow looks for this name to report the failing line


class ScriptRefused(Exception):
    """A construct the sandbox does not run; `line` is set when found statically."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message if line is None else f"line {line}: {message}")
        self.message = message
        self.line = line


class ScriptTimeout(Exception):
    """The script ran longer than the time limit."""


_REFUSED_CALLS = frozenset(
    ["open", "compile", "getattr", "setattr", "delattr", "hasattr", "vars", "dir", "type", "globals", "locals", "breakpoint", "input", "help", "memoryview", "super", "object", "exit", "quit"]
)
_REFUSED_ATTRS = frozenset({"format", "format_map"}) | INSPECT_ATTRIBUTES
_OPAQUE_TYPES = (
    types.ModuleType,
    types.FrameType,
    types.CodeType,
    types.TracebackType,
    types.FunctionType,
    types.LambdaType,
    types.MethodType,
    types.GeneratorType,
    types.CoroutineType,
    types.AsyncGeneratorType,
)
_GUARDED_BINOPS = {ast.Add: "+", ast.Mult: "*", ast.Pow: "**", ast.LShift: "<<"}
_RP_LINE = re.compile(r"^Line (\d+|None): (.*)$", re.DOTALL)


def _call(name: str, args: list[ast.expr], like: ast.AST) -> ast.Call:
    node = ast.Call(func=ast.Name(name, ast.Load()), args=args, keywords=[])
    return ast.fix_missing_locations(ast.copy_location(node, like))


class _SandboxPolicy(RestrictingNodeTransformer):
    """RestrictedPython's policy, stricter where BPMN scripts never need the construct."""

    def _refuse(self, node, reason):
        self.error(node, reason)
        return node

    def visit_Import(self, node):
        return self._refuse(node, "imports are not allowed")

    visit_ImportFrom = visit_Import

    def visit_ClassDef(self, node):
        return self._refuse(node, "class definitions are not allowed")

    def visit_With(self, node):
        return self._refuse(node, "with statements are not allowed")

    def visit_Yield(self, node):
        # A suspended generator's finally block would run later, outside the time limit.
        return self._refuse(node, "generator functions (yield) are not allowed")

    visit_YieldFrom = visit_Yield

    def visit_Call(self, node):
        if isinstance(node.func, ast.Name) and node.func.id in _REFUSED_CALLS:
            self.error(node, f"'{node.func.id}' is not available in scripts")
        return super().visit_Call(node)

    def visit_Attribute(self, node):
        if node.attr in ("format", "format_map"):
            self.error(node, f"str.{node.attr} is not allowed, use an f-string")
        return super().visit_Attribute(node)

    def visit_BinOp(self, node):
        node = self.node_contents_visit(node)
        symbol = _GUARDED_BINOPS.get(type(node.op))
        if symbol is None:
            return node
        return _call("_binop_", [ast.Constant(symbol), node.left, node.right], node)

    def visit_AugAssign(self, node):
        if not isinstance(node.target, ast.Subscript):
            return super().visit_AugAssign(node)
        # `totals[k] += v` becomes `_inplaceitem_("+=", totals, k, v)`.
        op = ast.Constant(_INPLACE_SYMBOLS[type(node.op)])
        args = [op, self.visit(node.target.value), self.visit(node.target.slice)]
        return ast.copy_location(
            ast.Expr(_call("_inplaceitem_", [*args, self.visit(node.value)], node)), node
        )

    def visit_ExceptHandler(self, node):
        node = super().visit_ExceptHandler(node)
        node.body.insert(0, ast.copy_location(ast.Expr(_call("_check_deadline_", [], node)), node))
        return node

    def visit_Try(self, node):
        node = super().visit_Try(node)
        if node.finalbody:
            check = ast.Expr(_call("_check_deadline_", [], node.finalbody[0]))
            node.finalbody.insert(0, ast.copy_location(check, node.finalbody[0]))
        return node


_INPLACE_SYMBOLS = {
    ast.Add: "+=", ast.Sub: "-=", ast.Mult: "*=", ast.Div: "/=", ast.FloorDiv: "//=",
    ast.Mod: "%=", ast.Pow: "**=", ast.LShift: "<<=", ast.RShift: ">>=", ast.BitAnd: "&=",
    ast.BitOr: "|=", ast.BitXor: "^=", ast.MatMult: "@=",
}  # fmt: skip


def _refusal(error: str) -> ScriptRefused:
    match = _RP_LINE.match(error)
    line, reason = (match.group(1), match.group(2)) if match else (None, error)
    if name := re.match(
        r'"(\w+)" is an invalid (?:variable|attribute) name because it starts', reason
    ):
        reason = f"names starting with '_' are not allowed: '{name.group(1)}'"
    return ScriptRefused(reason.rstrip("."), int(line) if line and line.isdigit() else None)


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
    return code


# Run-time guards.


def _too_large(what: str) -> ScriptRefused:
    return ScriptRefused(f"{what} would be too large for a script")


def _binop(symbol, a, b, func=None):
    seq = (str, bytes, list, tuple)
    if symbol in ("+", "+=") and isinstance(a, seq) and isinstance(b, seq):
        if len(a) + len(b) > MAX_LEN:
            raise _too_large("the joined sequence")
    elif symbol in ("*", "*="):
        if isinstance(b, seq) and isinstance(a, int):
            a, b = b, a
        if isinstance(a, seq) and isinstance(b, int) and len(a) * b > MAX_LEN:
            raise _too_large("the repeated sequence")
        if type(a) in (int, bool) and type(b) in (int, bool):
            if a.bit_length() + b.bit_length() > MAX_INT_BITS:
                raise _too_large("the product")
    elif symbol in ("**", "**=") and isinstance(a, int) and isinstance(b, int) and b > 0:
        if (abs(a).bit_length() - 1) * b > MAX_INT_BITS:
            raise _too_large("the power")
    elif symbol in ("<<", "<<=") and isinstance(a, int) and isinstance(b, int) and a:
        if a.bit_length() + b > MAX_INT_BITS:
            raise _too_large("the shifted number")
    return (func or _BINOPS[symbol])(a, b)


_BINOPS = {"+": operator.add, "*": operator.mul, "**": operator.pow, "<<": operator.lshift}
_INPLACE = {
    "+=": operator.iadd, "-=": operator.isub, "*=": operator.imul, "/=": operator.itruediv,
    "//=": operator.ifloordiv, "%=": operator.imod, "**=": operator.ipow,
    "<<=": operator.ilshift, ">>=": operator.irshift, "&=": operator.iand,
    "|=": operator.ior, "^=": operator.ixor, "@=": operator.imatmul,
}  # fmt: skip


def _inplacevar(symbol, target, value):
    return _binop(symbol, target, value, _INPLACE[symbol])


def _inplaceitem(symbol, container, key, value):
    full_write_guard(container)[key] = _inplacevar(symbol, container[key], value)


def _projected_len(obj, name, args, kwargs) -> int:
    """Length of what a str/bytes/list method would build, before it builds it."""
    if name == "join":
        return sum(len(item) for item in args[0]) + len(obj) * len(args[0])
    if name == "extend":
        return len(obj) + (len(args[0]) if hasattr(args[0], "__len__") else 0)
    if name == "replace":
        return len(obj) + obj.count(args[0]) * max(len(args[1]) - len(args[0]), 0)
    if name == "expandtabs":
        return len(obj) + obj.count("\t" if isinstance(obj, str) else b"\t") * kwargs.get(
            "tabsize", args[0] if args else 8
        )
    return args[0] if args and isinstance(args[0], int) else 0  # ljust, rjust, center, zfill


_GROWING_METHODS = frozenset(
    {"join", "extend", "replace", "expandtabs", "ljust", "rjust", "center", "zfill"}
)


def _bounded_method(obj, name):
    method = getattr(obj, name)

    def call(*args, **kwargs):
        if name == "join" and args:
            args = (list(args[0]), *args[1:])
        try:
            size = _projected_len(obj, name, args, kwargs)
        except (TypeError, IndexError):
            size = 0  # bad arguments: let the method itself raise its usual error
        if size > MAX_LEN:
            raise _too_large(f"the result of {name}()")
        return method(*args, **kwargs)

    return call


def _guarded_getattr(obj, name, *default):
    if not isinstance(name, str) or name.startswith("_") or name in _REFUSED_ATTRS:
        raise ScriptRefused(f"attribute '{name}' is not allowed")
    if isinstance(obj, _OPAQUE_TYPES):
        raise ScriptRefused(f"attributes of {type(obj).__name__} objects are not allowed")
    if isinstance(obj, (str, bytes, list)) and name in _GROWING_METHODS:
        return _bounded_method(obj, name)
    return getattr(obj, name, *default)


def _limited_range(*args):
    numbers = range(*args)
    try:
        too_many = len(numbers) > MAX_RANGE
    except OverflowError:
        too_many = True
    if too_many:
        raise _too_large("the range")
    return numbers


def _guarded_pow(base, exp, mod=None):
    return _binop("**", base, exp) if mod is None else pow(base, exp, mod)


_MATH = types.SimpleNamespace(
    **{
        name: getattr(math, name)
        for name in ["ceil", "floor", "trunc", "sqrt", "exp", "log", "log10", "log2", "fabs", "fsum", "isclose", "isfinite", "isnan", "isinf", "copysign", "fmod", "hypot", "pi", "e", "inf", "nan"]
    }
)
_JSON = types.SimpleNamespace(loads=json.loads, dumps=json.dumps)

_BASE_BUILTINS = {
    **{
        k: v for k, v in safe_builtins.items() if k not in ("setattr", "delattr", "__build_class__")
    },
    **{
        f.__name__: f
        for f in (len, sum, min, max, abs, round, sorted, any, all, enumerate, zip, map, filter)
        + (list, dict, set, frozenset, tuple, reversed, str, int, float, bool, isinstance)
    },
    "range": _limited_range,
    "pow": _guarded_pow,
    "datetime": dt.datetime,
    "date": dt.date,
    "timedelta": dt.timedelta,
    "timezone": dt.timezone,
    "Decimal": Decimal,
    "math": _MATH,
    "json": _JSON,
    "_getattr_": _guarded_getattr,
    "_getitem_": operator.getitem,
    "_getiter_": iter,
    "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
    "_unpack_sequence_": guarded_unpack_sequence,
    "_write_": full_write_guard,
    "_inplacevar_": _inplacevar,
    "_inplaceitem_": _inplaceitem,
    "_binop_": _binop,
    "_print_": PrintCollector,
    "_apply_": lambda func, *args, **kwargs: func(*args, **kwargs),
}


def _default_time_limit() -> float:
    try:
        from django.conf import settings

        return float(settings.HYPERCRM["SCRIPT_TIME_LIMIT"])
    except Exception:  # settings not configured (or no HYPERCRM): the documented default
        return DEFAULT_TIME_LIMIT


class SandboxedEnvironment(BasePythonScriptEngineEnvironment):
    """Runs BPMN scripts and expressions over task data, restricted and time-limited.

    Helpers and builtins live in the scripts' `__builtins__`, so task data may shadow them
    and they never end up in the task data. Holds no per-run state: one instance serves
    every thread.
    """

    def __init__(self, helpers: dict | None = None, time_limit: float | None = None):
        super().__init__()
        self.helpers = dict(helpers or {})
        self.time_limit = time_limit

    def evaluate(self, expression, context, external_context=None):
        code = _compiled(expression, "eval")
        names = {**context, "__builtins__": None}
        return self._run(code, names, external_context)

    def execute(self, script, context, external_context=None):
        code = _compiled(script, "exec")  # refused scripts stop here, before any change
        before = set(context)
        try:
            self._run(code, context, external_context)
        finally:
            external = external_context or {}
            for key in list(context):
                new = key not in before
                if callable(context[key]) or (new and (key.startswith("_") or key in external)):
                    del context[key]
            context.pop("__builtins__", None)
        return True

    def _run(self, code, names, external_context):
        limit = self.time_limit if self.time_limit is not None else _default_time_limit()
        deadline = time.monotonic() + limit

        def check_deadline():
            if time.monotonic() > deadline:
                raise ScriptTimeout(f"the script ran longer than {limit:g} s")

        def trace(frame, event, arg):
            if event == "call" and frame.f_code.co_filename == __file__:
                return None  # our own guards are short; skip the cost of tracing them
            if event == "line":
                check_deadline()
            return trace

        names["__builtins__"] = {
            **_BASE_BUILTINS,
            **(external_context or {}),
            **self.helpers,
            "_print": PrintCollector(_guarded_getattr),  # `print` in expressions
            "_check_deadline_": check_deadline,
        }
        previous = sys.gettrace()
        sys.settrace(trace)
        try:
            # Restricted code only: compiled by RestrictedPython with the policy above.
            return eval(code, names)  # noqa: S307
        finally:
            sys.settrace(previous)
