"""The modules scripts see, as SpiffArena gives them, reduced to what cannot harm.

`datetime` is the datetime class, as in SpiffArena (`datetime.now()`,
`datetime(2026, 1, 31)`, `isinstance(x, datetime)`), and it also reads like the module
(`datetime.datetime.now()`, `datetime.date.today()`, `datetime.timedelta(days=1)`): what it
makes is always a plain datetime, so nothing foreign ends up in the task data.

`time` and `decimal` are namespaces of the safe parts of those modules: no `time.sleep`
(a script never waits: draw a timer event), no decimal context (`getcontext().prec` would
change every later computation of the process).
"""

from __future__ import annotations

import datetime as dt
import decimal as _decimal
import sys
import time as _time
import types
from typing import Any

from RestrictedPython.Guards import full_write_guard


class _DateTimeType(type):
    def __instancecheck__(cls, obj: object) -> bool:
        return isinstance(obj, dt.datetime)

    def __subclasscheck__(cls, subclass: type) -> bool:
        return issubclass(subclass, dt.datetime)


class DateTime(dt.datetime, metaclass=_DateTimeType):
    """`datetime` for scripts: the class (SpiffArena) that also reads like the module."""

    # Any: the constructor's arguments, as datetime takes them; it returns a plain datetime.
    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        return dt.datetime(*args, **kwargs)


# The module's names. On the class they hide the methods of the same name (`date`, `time`),
# which datetimes themselves still have: `datetime.now().date()` is the method.
for _name, _value in {
    "datetime": dt.datetime,
    "date": dt.date,
    "time": dt.time,
    "timedelta": dt.timedelta,
    "timezone": dt.timezone,
    "MINYEAR": dt.MINYEAR,
    "MAXYEAR": dt.MAXYEAR,
}.items():
    setattr(DateTime, _name, _value)

_TIME_NAMES = "time time_ns gmtime localtime mktime strftime strptime asctime ctime"
TIME = types.SimpleNamespace(
    **{name: getattr(_time, name) for name in _TIME_NAMES.split()},
    timezone=_time.timezone,
    altzone=_time.altzone,
    daylight=_time.daylight,
    tzname=_time.tzname,
)

_ROUNDINGS = "ROUND_UP ROUND_DOWN ROUND_CEILING ROUND_FLOOR ROUND_HALF_UP ROUND_HALF_DOWN"
_DECIMAL_NAMES = f"{_ROUNDINGS} ROUND_HALF_EVEN ROUND_05UP Decimal DecimalException"
_DECIMAL_NAMES += " InvalidOperation DivisionByZero Overflow Inexact Rounded"
DECIMAL = types.SimpleNamespace(
    **{name: getattr(_decimal, name) for name in _DECIMAL_NAMES.split()}
)


# What the C code of datetime and time imports while a script runs (`strftime`, `strptime`,
# `date.today()` import `time` or `_strptime` by the script's builtins). A script cannot
# name `__import__` (no names starting with `_`) nor write an import.
_C_IMPORTS = frozenset({"time", "_strptime"})


def c_import(name: str, *args: object, **kwargs: object) -> types.ModuleType:
    if name not in _C_IMPORTS:
        raise ImportError(f"imports are not allowed: {name}")
    if name not in sys.modules:
        __import__(name)
    return sys.modules[name]


class _DataWrite:
    """A dict seen for writing: `order.status = "paid"` sets the item, as SpiffArena's
    boxed task data let scripts write."""

    __slots__ = ("_target",)
    _target: dict[Any, Any]

    def __init__(self, target: dict[Any, Any]) -> None:
        object.__setattr__(self, "_target", target)

    def __setattr__(self, name: str, value: object) -> None:
        self._target[name] = value

    def __delattr__(self, name: str) -> None:
        del self._target[name]

    def __setitem__(self, key: object, value: object) -> None:
        self._target[key] = value

    def __delitem__(self, key: object) -> None:
        del self._target[key]


def write_guard(obj: Any) -> Any:
    """RestrictedPython's write guard, with dicts writable by attribute too."""
    if type(obj) is dict:
        return _DataWrite(obj)
    return full_write_guard(obj)


def data_attribute(obj: object, name: str) -> tuple[bool, object]:
    """(True, value) when `obj.name` reads a key of a dict (`order.total`): a name that is
    not a dict's own attribute, read from task data as SpiffArena's boxed data read it."""
    if type(obj) is dict and not hasattr(dict, name) and name in obj:
        return True, obj[name]
    return False, None
