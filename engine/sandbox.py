"""The sandbox every script and expression from uploaded BPMN runs in.

Threat model: whoever can deploy a diagram can put Python into script tasks, conditions,
pre/post scripts, service-task parameters and timer expressions, and the engine runs it in
the web and worker processes, next to the database and the settings. The code must not
reach the interpreter (imports, open/eval/getattr, dunders leading to `__subclasses__()` or
a function's globals, frames, str.format field lookups) nor hold a worker forever.

RestrictedPython's compiler plus our policy refuse those constructs statically: a refused
script runs no line at all. At run time only curated builtins exist, attribute access is
guarded, and a deadline is checked by a `sys.settrace` tracer, per `while` round and loop
item, and on entering every `except`/`finally` (so the timeout cannot be swallowed). `*`,
`**`, `+`, `<<`, `%`, range, pow, int() and the str/list methods that grow text refuse huge
results. Not covered: f-string format specs (`f"{x:>999999999}"`) and single C calls that
are slow on big but allowed inputs; run workers under a process memory limit too.
"""

import ast
import datetime as dt
import json
import math
import operator
import re
import sys
import threading
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
_GUARDED_BINOPS = {ast.Add: "+", ast.Mult: "*", ast.Pow: "**", ast.LShift: "<<", ast.Mod: "%"}
_AUGMENTED = {
    ast.Add: "+=", ast.Sub: "-=", ast.Mult: "*=", ast.Div: "/=", ast.FloorDiv: "//=",
    ast.Mod: "%=", ast.Pow: "**=", ast.LShift: "<<=", ast.RShift: ">>=", ast.BitAnd: "&=",
    ast.BitOr: "|=", ast.BitXor: "^=", ast.MatMult: "@=",
}  # fmt: skip


def _call(name: str, args: list, like: ast.AST) -> ast.Call:
    node = ast.Call(func=ast.Name(name, ast.Load()), args=args, keywords=[])
    return ast.fix_missing_locations(ast.copy_location(node, like))


def _with_deadline_check(node: ast.AST, field: str) -> ast.AST:
    if body := getattr(node, field):
        body.insert(0, ast.copy_location(ast.Expr(_call("_check_deadline_", [], node)), body[0]))
    return node


class _SandboxPolicy(RestrictingNodeTransformer):
    """RestrictedPython's policy, stricter where BPMN scripts never need the construct."""

    def visit(self, node):
        if reason := _REFUSED_NODES.get(type(node)):
            self.error(node, reason)
            return node
        return super().visit(node)

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
        if symbol := _GUARDED_BINOPS.get(type(node.op)):
            return _call("_binop_", [ast.Constant(symbol), node.left, node.right], node)
        return node

    def visit_AugAssign(self, node):
        if not isinstance(node.target, ast.Subscript):
            return super().visit_AugAssign(node)
        # `totals[k] += v` becomes `_inplaceitem_("+=", totals, k, v)`.
        target = node.target
        args = [ast.Constant(_AUGMENTED[type(node.op)]), self.visit(target.value)]
        args += [self.visit(target.slice), self.visit(node.value)]
        return ast.copy_location(ast.Expr(_call("_inplaceitem_", args, node)), node)

    def visit_While(self, node):
        return _with_deadline_check(super().visit_While(node), "body")

    def visit_ExceptHandler(self, node):
        return _with_deadline_check(super().visit_ExceptHandler(node), "body")

    def visit_Try(self, node):
        return _with_deadline_check(super().visit_Try(node), "finalbody")


_PLAIN_REASONS = (
    (r'"(\w+)" is an invalid \w+ name because it starts with "_"',
     "names starting with '_' are not allowed: '{}'"),
    (r'"(\w+)" is a restricted name', "attribute '{}' is not allowed"),
    (r"(Eval|Exec) calls are not allowed", "'{}' is not available in scripts"),
)  # fmt: skip


def _refusal(error: str) -> ScriptRefused:
    """Turn RestrictedPython's 'Line N: reason.' into a ScriptRefused with a plain reason."""
    match = re.match(r"Line (\d+|None): (.*)", error, re.DOTALL)
    line, reason = (match.group(1), match.group(2)) if match else (None, error)
    for pattern, plain in _PLAIN_REASONS:
        if found := re.match(pattern, reason):
            name = found.group(1)
            reason = plain.format(name.lower() if name in ("Eval", "Exec") else name)
            break
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

_run_state = threading.local()  # (deadline, limit) of the script running in this thread


def _check_deadline():
    current = getattr(_run_state, "current", None)
    if current and time.monotonic() > current[0]:
        raise ScriptTimeout(f"the script ran longer than {current[1]:g} s")


def _tracer(deadline: float):
    def trace(frame, event, arg):
        if event == "line":
            if time.monotonic() > deadline:
                _check_deadline()
        elif event == "call" and frame.f_code.co_filename == __file__:
            return None  # our own guards are short; skip the cost of tracing them
        return trace

    return trace


def _checked_iter(iterable):
    """For lazy iterators C code may drain while the list grows (`items.extend(map(...))`):
    Python loops get the tracer's line events, C loops do not."""
    for item in iterable:
        _check_deadline()
        yield item


def _too_large(what: str) -> ScriptRefused:
    return ScriptRefused(f"{what} would be too large for a script")


def _binop(symbol, a, b):
    seq, op = (str, bytes, list, tuple), symbol[:-1] if symbol[-1] == "=" else symbol
    if op == "+" and isinstance(a, seq) and isinstance(b, seq) and len(a) + len(b) > MAX_LEN:
        raise _too_large("the joined sequence")
    if op == "*":
        items, times = (a, b) if isinstance(a, seq) else (b, a)
        if isinstance(items, seq) and isinstance(times, int) and len(items) * times > MAX_LEN:
            raise _too_large("the repeated sequence")
    if op in ("*", "**", "<<") and isinstance(a, int) and isinstance(b, int):
        if op == "**":
            bits = (abs(a).bit_length() - 1) * b
        else:
            bits = a.bit_length() + (b if op == "<<" else b.bit_length())
        if bits > MAX_INT_BITS:
            raise _too_large("the number")
    if op == "%" and isinstance(a, str | bytes):
        if re.search(r"%[^a-zA-Z%]*?(\*|\d{7,})", a if isinstance(a, str) else a.decode("latin-1")):
            raise _too_large("the formatted text")
        for value in b.values() if isinstance(b, dict) else b if isinstance(b, tuple) else (b,):
            _integral(value)  # '%d' converts to int
    return _OPERATORS[symbol](a, b)


def _integral(value):
    """int() of a Decimal like 1E+1000000 runs for a minute in C: refuse it first."""
    if isinstance(value, Decimal) and value.is_finite() and value.adjusted() > MAX_DIGITS:
        raise _too_large("the whole number")
    return value


def _integral_first(func):
    return lambda number, *args: func(_integral(number), *args)


class _IntType(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, int)

    def __subclasscheck__(cls, subclass):
        return issubclass(subclass, int)


class _Int(int, metaclass=_IntType):
    """`int` for scripts: isinstance(x, int) still works, int(huge Decimal) is refused."""

    def __new__(cls, value=0, *args):
        return int(_integral(value), *args)


_OPERATORS = {
    "+": operator.add, "*": operator.mul, "**": operator.pow, "<<": operator.lshift,
    "%": operator.mod,
    "+=": operator.iadd, "-=": operator.isub, "*=": operator.imul, "/=": operator.itruediv,
    "//=": operator.ifloordiv, "%=": operator.imod, "**=": operator.ipow,
    "<<=": operator.ilshift, ">>=": operator.irshift, "&=": operator.iand,
    "|=": operator.ior, "^=": operator.ixor, "@=": operator.imatmul,
}  # fmt: skip


def _inplaceitem(symbol, container, key, value):
    full_write_guard(container)[key] = _binop(symbol, container[key], value)


def _projected_len(obj, name, args, kwargs) -> int:
    """Length of what a str/bytes/list method would build, before it builds it."""
    if name == "join":
        return sum(len(item) for item in args[0]) + len(obj) * len(args[0])
    if name == "extend":
        return len(obj) + (len(args[0]) if hasattr(args[0], "__len__") else 0)
    if name == "replace":
        return len(obj) + obj.count(args[0]) * max(len(args[1]) - len(args[0]), 0)
    if name == "translate":
        longest = max((len(v) for v in args[0].values() if isinstance(v, str | bytes)), default=1)
        return len(obj) * longest
    if name == "expandtabs":
        tabs = obj.count("\t" if isinstance(obj, str) else b"\t")
        return len(obj) + tabs * kwargs.get("tabsize", args[0] if args else 8)
    return args[0] if args and isinstance(args[0], int) else 0  # ljust, rjust, center, zfill


_GROWING = frozenset(["join", "extend", "replace", "translate", "expandtabs", "ljust", "rjust"])
_GROWING |= {"center", "zfill"}


def _bounded_method(obj, name):
    method = getattr(obj, name)

    def call(*args, **kwargs):
        if name == "join" and args:
            args = (list(_checked_iter(args[0])), *args[1:])
        try:
            size = _projected_len(obj, name, args, kwargs)
        except (TypeError, IndexError):
            size = 0  # bad arguments: the method itself raises its usual error
        if size > MAX_LEN:
            raise _too_large(f"the result of {name}()")
        return method(*args, **kwargs)

    return call


_REFUSED_ATTRS = INSPECT_ATTRIBUTES | {"mro"}  # mro() reaches the real int, object...
_OPAQUE_TYPES = (types.ModuleType, types.FrameType, types.CodeType, types.TracebackType)
_OPAQUE_TYPES += (types.FunctionType, types.MethodType, types.GeneratorType, types.CoroutineType)


def _guarded_getattr(obj, name, *default):
    if not isinstance(name, str) or name.startswith("_") or name in _REFUSED_ATTRS:
        raise ScriptRefused(f"attribute '{name}' is not allowed")
    if name in ("format", "format_map"):
        raise ScriptRefused(f"str.{name} is not allowed, use an f-string")
    if isinstance(obj, _OPAQUE_TYPES):
        raise ScriptRefused(f"attributes of {type(obj).__name__} objects are not allowed")
    if isinstance(obj, (str, bytes, list)) and name in _GROWING:
        return _bounded_method(obj, name)
    return getattr(obj, name, *default)


def _range(*args):
    numbers = range(*args)
    if -((numbers.start - numbers.stop) // numbers.step) > MAX_RANGE:  # len() without overflow
        raise _too_large("the range")
    return numbers


def _json_default(value):
    if isinstance(value, dt.date | dt.time | Decimal):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _json_dumps(value, *, sort_keys=False):  # no `default=` callback, no huge indent
    return json.dumps(value, sort_keys=sort_keys, default=_json_default)


_MATH = "sqrt exp log log10 log2 fabs fsum isclose isfinite isnan isinf fmod pi e"
_PLAIN = (len, sum, min, max, abs, sorted, any, all, list, dict, set, frozenset, tuple)
_PLAIN += (reversed, str, float, bool, isinstance)
_MATH_INTEGRAL = {name: _integral_first(getattr(math, name)) for name in ("floor", "ceil", "trunc")}
_UNSAFE = ("setattr", "delattr", "__build_class__")

# fmt: off
_BUILTINS = {
    **{name: value for name, value in safe_builtins.items() if name not in _UNSAFE},
    **{func.__name__: func for func in _PLAIN},
    "range": _range, "int": _Int, "round": _integral_first(round),
    "map": lambda func, *iterables: map(func, *map(_checked_iter, iterables)),
    "filter": lambda func, iterable: filter(func, _checked_iter(iterable)),
    "zip": lambda *iterables, strict=False: zip(*map(_checked_iter, iterables), strict=strict),
    "enumerate": lambda iterable, start=0: enumerate(_checked_iter(iterable), start),
    "pow": lambda x, y, mod=None: _binop("**", x, y) if mod is None else pow(x, y, mod),
    "datetime": dt.datetime, "date": dt.date, "timedelta": dt.timedelta, "timezone": dt.timezone,
    "Decimal": Decimal,
    "math": types.SimpleNamespace(
        **{name: getattr(math, name) for name in _MATH.split()}, **_MATH_INTEGRAL),
    "json": types.SimpleNamespace(loads=json.loads, dumps=_json_dumps),
    # The names RestrictedPython's compiled code calls.
    "_getattr_": _guarded_getattr, "_getitem_": operator.getitem, "_getiter_": iter,
    "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
    "_unpack_sequence_": guarded_unpack_sequence, "_write_": full_write_guard,
    "_inplacevar_": _binop, "_inplaceitem_": _inplaceitem, "_binop_": _binop,
    "_check_deadline_": _check_deadline, "_print_": PrintCollector,
    "_apply_": lambda func, *args, **kwargs: func(*args, **kwargs),
}
# fmt: on


def _default_time_limit() -> float:
    try:
        from django.conf import settings

        return float(settings.HYPERCRM["SCRIPT_TIME_LIMIT"])
    except Exception:  # settings not configured, or no HYPERCRM: the documented default
        return DEFAULT_TIME_LIMIT


class SandboxedEnvironment(BasePythonScriptEngineEnvironment):
    """Runs BPMN scripts and expressions over task data, restricted and time-limited.

    Builtins and helpers live in the scripts' `__builtins__`, so task data may shadow them
    and they never end up in the task data. No per-run state is kept on the instance: one
    instance serves every thread.
    """

    def __init__(self, helpers: dict | None = None, time_limit: float | None = None):
        super().__init__()
        self.helpers = dict(helpers or {})
        self.time_limit = time_limit

    def evaluate(self, expression, context, external_context=None):
        return self._run(_compiled(expression, "eval"), dict(context), external_context)

    def execute(self, script, context, external_context=None):
        code, before = _compiled(script, "exec"), set(context)  # refusals leave context as is
        try:
            self._run(code, context, external_context)
        finally:  # like TaskDataEnvironment: no functions or helpers left in the task data
            external = external_context or {}
            for key in list(context):
                new = key not in before
                if callable(context[key]) or (new and (key.startswith("_") or key in external)):
                    del context[key]
            context.pop("__builtins__", None)
        return True

    def _run(self, code, names, external_context):
        limit = self.time_limit if self.time_limit is not None else _default_time_limit()
        names["__builtins__"] = {
            **_BUILTINS,
            **(external_context or {}),
            **self.helpers,
            "_print": PrintCollector(_guarded_getattr),  # `print` inside expressions
        }
        outer_run, outer_tracer = getattr(_run_state, "current", None), sys.gettrace()
        _run_state.current = (deadline := time.monotonic() + limit, limit)
        sys.settrace(_tracer(deadline))
        try:
            # Only code compiled by RestrictedPython with the policy above gets here.
            return eval(code, names)  # noqa: S307
        finally:
            sys.settrace(outer_tracer)
            _run_state.current = outer_run
