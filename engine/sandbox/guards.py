"""The sandbox's run-time checks: deadline, sizes, attributes, and the builtins scripts see."""

from __future__ import annotations

import datetime as dt
import json
import math
import operator
import re
import threading
import time
import types
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, SupportsIndex, TypeVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from RestrictedPython import PrintCollector
from RestrictedPython.Guards import (
    full_write_guard,
    guarded_iter_unpack_sequence,
    guarded_unpack_sequence,
    safe_builtins,
)
from RestrictedPython.transformer import INSPECT_ATTRIBUTES

from .memory import CHECK_INTERVAL, MemoryWatch
from .modules import DECIMAL, TIME, DateTime, c_import, data_attribute, write_guard
from .policy import (
    MAX_DIGITS,
    MAX_INT_BITS,
    MAX_LEN,
    MAX_RANGE,
    PROCESS_EXITS,
    ScriptRefused,
    ScriptTimeout,
)

if TYPE_CHECKING:
    from _typeshed import TraceFunction

_V = TypeVar("_V")
_R = TypeVar("_R")

_run_state = threading.local()  # (deadline, limit) of the script running in this thread


def _check_deadline() -> None:
    current = getattr(_run_state, "current", None)
    if current and time.monotonic() > current[0]:
        raise ScriptTimeout(f"the script ran longer than {current[1]:g} s")


def _tracer(deadline: float, memory: MemoryWatch) -> TraceFunction:
    next_check = [time.monotonic() + CHECK_INTERVAL]

    def trace(frame: types.FrameType, event: str, arg: object) -> TraceFunction | None:
        if event == "line":
            now = time.monotonic()
            if now > deadline:
                _check_deadline()
            if now > next_check[0]:
                next_check[0] = now + CHECK_INTERVAL
                memory.check()
        elif event == "call" and frame.f_code.co_filename == __file__:
            return None  # our own guards are short; skip the cost of tracing them
        return trace

    return trace


def _checked_iter(iterable: Iterable[_V]) -> Iterator[_V]:
    """For lazy iterators C code may drain while the list grows (`items.extend(map(...))`):
    Python loops get the tracer's line events, C loops do not."""
    for item in iterable:
        _check_deadline()
        yield item


# What would grow too large, each refusal a whole sentence (said when it is raised).
_TOO_LARGE = {
    "joined": gettext_lazy("the joined sequence would be too large for a script"),
    "repeated": gettext_lazy("the repeated sequence would be too large for a script"),
    "number": gettext_lazy("the number would be too large for a script"),
    "formatted_text": gettext_lazy("the formatted text would be too large for a script"),
    "formatted_number": gettext_lazy("the formatted number would be too large for a script"),
    "whole_number": gettext_lazy("the whole number would be too large for a script"),
    "range": gettext_lazy("the range would be too large for a script"),
}


def _too_large(what: str) -> ScriptRefused:
    return ScriptRefused(str(_TOO_LARGE[what]))


def _result_too_large(name: str) -> ScriptRefused:
    return ScriptRefused(
        _("the result of %(name)s() would be too large for a script") % {"name": name}
    )


# Operands are whatever values a script combines: Any, as for the operator module.
def _binop(symbol: str, a: Any, b: Any) -> Any:
    seq, op = (str, bytes, list, tuple), symbol[:-1] if symbol[-1] == "=" else symbol
    if op == "+" and isinstance(a, seq) and isinstance(b, seq) and len(a) + len(b) > MAX_LEN:
        raise _too_large("joined")
    if op == "*":
        items, times = (a, b) if isinstance(a, seq) else (b, a)
        if isinstance(items, seq) and isinstance(times, int) and len(items) * times > MAX_LEN:
            raise _too_large("repeated")
    if op in ("*", "**", "<<") and isinstance(a, int) and isinstance(b, int):
        if op == "**":
            bits = (abs(a).bit_length() - 1) * b
        else:
            bits = a.bit_length() + (b if op == "<<" else b.bit_length())
        if bits > MAX_INT_BITS:
            raise _too_large("number")
    if op == "%" and isinstance(a, str | bytes):
        if _HUGE_PRINTF.search(a if isinstance(a, str) else a.decode("latin-1")):
            raise _too_large("formatted_text")
        for value in b.values() if isinstance(b, dict) else b if isinstance(b, tuple) else (b,):
            _integral(value)  # '%d' converts to int
    return _OPERATORS[symbol](a, b)


_HUGE_PRINTF = re.compile(r"%(\([^)]*\))?[^a-zA-Z%(]*?(\*|\d{7,})")
_HUGE_WIDTH = re.compile(r"\d{7,}")
_CONVERSIONS: dict[str, Callable[[object], object]] = {
    "": lambda value: value,
    "s": str,
    "r": repr,
    "a": ascii,
}


# Any: whatever a script puts in an f-string field (checked below as a Decimal).
def _format(value: Any, conversion: str, spec: str) -> str:
    """An f-string field: a width or precision of millions, or a Decimal written out in
    millions of digits, is refused before the text is built."""
    value = _CONVERSIONS[conversion](value)
    if _HUGE_WIDTH.search(spec):
        raise _too_large("formatted_text")
    written_out = isinstance(value, Decimal) and spec[-1:] in ("f", "F", "%")
    if written_out and value.is_finite() and abs(value.adjusted()) > MAX_LEN:
        raise _too_large("formatted_number")
    return format(value, spec)


def _integral(value: _V) -> _V:
    """int() of a Decimal like 1E+1000000 runs for a minute in C: refuse it first."""
    if isinstance(value, Decimal) and value.is_finite() and value.adjusted() > MAX_DIGITS:
        raise _too_large("whole_number")
    return value


def _integral_first(func: Callable[..., _R]) -> Callable[..., _R]:
    return lambda number, *args: func(_integral(number), *args)


class _IntType(type):
    def __instancecheck__(cls, obj: object) -> bool:
        return isinstance(obj, int)

    def __subclasscheck__(cls, subclass: type) -> bool:
        return issubclass(subclass, int)


class _Int(int, metaclass=_IntType):
    """`int` for scripts: isinstance(x, int) still works, int(huge Decimal) is refused."""

    # Any: int() takes what a script passes it; the result is a plain int, not an _Int.
    def __new__(cls, value: Any = 0, *args: SupportsIndex) -> Any:
        return int(_integral(value), *args)


_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add, "*": operator.mul, "**": operator.pow, "<<": operator.lshift,
    "%": operator.mod,
    "+=": operator.iadd, "-=": operator.isub, "*=": operator.imul, "/=": operator.itruediv,
    "//=": operator.ifloordiv, "%=": operator.imod, "**=": operator.ipow,
    "<<=": operator.ilshift, ">>=": operator.irshift, "&=": operator.iand,
    "|=": operator.ior, "^=": operator.ixor, "@=": operator.imatmul,
}  # fmt: skip


def _inplaceitem(symbol: str, container: Any, key: Any, value: Any) -> None:
    full_write_guard(container)[key] = _binop(symbol, container[key], value)


# Any: a str, bytes or list; mypy cannot pair each with the argument types of its methods.
def _projected_len(obj: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
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


def _bounded_method(obj: str | bytes | list[Any], name: str) -> Callable[..., Any]:
    method = getattr(obj, name)

    def call(*args: Any, **kwargs: Any) -> Any:
        if name == "join" and args:
            args = (list(_checked_iter(args[0])), *args[1:])
        try:
            size = _projected_len(obj, name, args, kwargs)
        except (TypeError, IndexError):
            size = 0  # bad arguments: the method itself raises its usual error
        if size > MAX_LEN:
            raise _result_too_large(name)
        return method(*args, **kwargs)

    return call


_REFUSED_ATTRS = INSPECT_ATTRIBUTES | {"mro"}  # mro() reaches the real int, object...
_OPAQUE_TYPES: tuple[type, ...] = (
    types.ModuleType,
    types.FrameType,
    types.CodeType,
    types.TracebackType,
)
_OPAQUE_TYPES += (types.FunctionType, types.MethodType, types.GeneratorType, types.CoroutineType)


def _guarded_getattr(obj: object, name: object, *default: object) -> Any:
    if not isinstance(name, str) or name.startswith("_") or name in _REFUSED_ATTRS:
        raise ScriptRefused(_("attribute '%(name)s' is not allowed") % {"name": name})
    if name in ("format", "format_map"):
        raise ScriptRefused(_("str.%(name)s is not allowed, use an f-string") % {"name": name})
    if isinstance(obj, _OPAQUE_TYPES):
        raise ScriptRefused(
            _("attributes of %(type)s objects are not allowed") % {"type": type(obj).__name__}
        )
    if isinstance(obj, (str, bytes, list)) and name in _GROWING:
        return _bounded_method(obj, name)
    found, value = data_attribute(obj, name)
    return value if found else getattr(obj, name, *default)


def _range(*args: SupportsIndex) -> range:
    numbers = range(*args)
    if -((numbers.start - numbers.stop) // numbers.step) > MAX_RANGE:  # len() without overflow
        raise _too_large("range")
    return numbers


def _json_default(value: object) -> str:
    if isinstance(value, dt.date | dt.time | Decimal):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


# No `default=` callback, no huge indent.
def _json_dumps(value: object, *, sort_keys: bool = False) -> str:
    return json.dumps(value, sort_keys=sort_keys, default=_json_default)


_MATH = "sqrt exp log log10 log2 fabs fsum isclose isfinite isnan isinf fmod pi e"
_PLAIN: tuple[Callable[..., object], ...] = (
    len,
    sum,
    min,
    max,
    abs,
    sorted,
    any,
    all,
    list,
    dict,
    set,
    frozenset,
    tuple,
)
_PLAIN += (reversed, str, float, bool, isinstance)
_MATH_INTEGRAL = {name: _integral_first(getattr(math, name)) for name in ("floor", "ceil", "trunc")}
_UNSAFE = ("setattr", "delattr", "__build_class__", *PROCESS_EXITS)

# fmt: off
_BUILTINS: dict[str, object] = {
    **{name: value for name, value in safe_builtins.items() if name not in _UNSAFE},
    **{func.__name__: func for func in _PLAIN},
    "range": _range, "int": _Int, "round": _integral_first(round),
    "map": lambda func, *iterables: map(func, *map(_checked_iter, iterables)),
    "filter": lambda func, iterable: filter(func, _checked_iter(iterable)),
    "zip": lambda *iterables, strict=False: zip(*map(_checked_iter, iterables), strict=strict),
    "enumerate": lambda iterable, start=0: enumerate(_checked_iter(iterable), start),
    "pow": lambda x, y, mod=None: _binop("**", x, y) if mod is None else pow(x, y, mod),
    "datetime": DateTime, "date": dt.date, "timedelta": dt.timedelta, "timezone": dt.timezone,
    "Decimal": Decimal, "decimal": DECIMAL, "time": TIME,
    "math": types.SimpleNamespace(
        **{name: getattr(math, name) for name in _MATH.split()}, **_MATH_INTEGRAL),
    "json": types.SimpleNamespace(loads=json.loads, dumps=_json_dumps),
    # The names RestrictedPython's compiled code calls.
    "_getattr_": _guarded_getattr, "_getitem_": operator.getitem, "_getiter_": iter,
    "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
    "_unpack_sequence_": guarded_unpack_sequence, "_write_": write_guard,
    "_inplacevar_": _binop, "_inplaceitem_": _inplaceitem, "_binop_": _binop,
    "_check_deadline_": _check_deadline, "_format_": _format, "_print_": PrintCollector,
    "_apply_": lambda func, *args, **kwargs: func(*args, **kwargs),
    "__import__": c_import,
}
# fmt: on
