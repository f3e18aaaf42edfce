"""Evaluating a FEEL tree (feel_parse.py) over the process data, with FEEL's null semantics.

A name the data does not hold is null; a comparison, arithmetic or function over null or
over values of different kinds is null, and a unary test that is not true does not match:
a missing value matches no test but `-`. Numbers are Decimal while evaluating (0.1 + 0.2 is
0.3) and come out as int or float; dates come out as ISO text, so the result is stored like
any process data. A date compared with text reads the text as an ISO date.
"""

import math
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from .feel_tokens import Tree

_ORDERED = (Decimal, str, date, time, timedelta)
# Days and time only: a duration of years or months has no fixed length.
_DURATION = re.compile(
    r"^(-)?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)


def parse_duration(text: str) -> timedelta:
    match = _DURATION.match(text.strip())
    if match is None or text.strip() in ("P", "PT", "-P"):
        raise ValueError(text)
    sign, weeks, days, hours, minutes, seconds = match.groups()
    value = timedelta(
        weeks=int(weeks or 0),
        days=int(days or 0),
        hours=int(hours or 0),
        minutes=int(minutes or 0),
        seconds=float(seconds or 0),
    )
    return -value if sign else value


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    return None


def _comparable(left: Any, right: Any) -> tuple[Any, Any] | None:
    """Both values as one kind, or None when FEEL cannot compare them."""
    if (a := _number(left)) is not None and (b := _number(right)) is not None:
        return a, b
    if isinstance(left, str) and isinstance(right, date | time):
        left = _temporal_like(left, right)
    elif isinstance(right, str) and isinstance(left, date | time):
        right = _temporal_like(right, left)
    if isinstance(left, datetime) != isinstance(right, datetime):
        return None
    for kind in _ORDERED:
        if isinstance(left, kind) and isinstance(right, kind):
            return left, right
    return None


def _temporal_like(text: str, model: date | time) -> Any:
    try:
        if isinstance(model, datetime):
            return datetime.fromisoformat(text)
        if isinstance(model, date):
            return date.fromisoformat(text[:10]) if len(text) >= 10 else None
        return time.fromisoformat(text)
    except ValueError:
        return None


def equal(left: Any, right: Any) -> bool | None:
    if left is None or right is None:
        return left is None and right is None
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right if isinstance(left, bool) and isinstance(right, bool) else False
    pair = _comparable(left, right)
    if pair is None:
        return _plain(left) == _plain(right) if type(left) is type(right) else False
    return pair[0] == pair[1]


def _compare(op: str, left: Any, right: Any) -> bool | None:
    if op == "=":
        return equal(left, right)
    if op == "!=":
        same = equal(left, right)
        return None if same is None else not same
    pair = _comparable(left, right)
    if pair is None or isinstance(pair[0], bool):
        return None
    a, b = pair
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]


def _arith(op: str, left: Any, right: Any) -> Any:
    a, b = _number(left), _number(right)
    if a is not None and b is not None:
        if op == "/":
            return None if b == 0 else a / b
        return {"+": a + b, "-": a - b, "*": a * b}[op]
    if op == "+" and isinstance(left, str) and isinstance(right, str):
        return left + right
    if isinstance(left, date) and isinstance(right, timedelta) and op in "+-":
        return left + right if op == "+" else left - right
    same_kind = isinstance(left, datetime) == isinstance(right, datetime)
    if isinstance(left, date) and isinstance(right, date) and op == "-" and same_kind:
        return left - right
    return None


def _truth(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _call(name: str, args: list[Any]) -> Any:
    first: Any = args[0] if args else None
    try:
        if name == "date" and len(args) == 3:
            return date(int(args[0]), int(args[1]), int(args[2]))
        if name == "date":
            return first.date() if isinstance(first, datetime) else date.fromisoformat(first)
        if name == "time" and len(args) == 3:
            return time(int(args[0]), int(args[1]), int(args[2]))
        if name == "time":
            return time.fromisoformat(first)
        if name == "date and time":
            if len(args) == 2:
                return datetime.combine(args[0], args[1])
            return datetime.fromisoformat(first)
        if name == "duration":
            return parse_duration(first)
        if name == "string":
            return None if first is None else str(_plain(first))
        if name == "number":
            return Decimal(first) if isinstance(first, str) else _number(first)
        if name == "not":
            return None if _truth(first) is None else not first
        if name in ("abs", "floor", "ceiling"):
            number = _number(first)
            if number is None:
                return None
            if name == "abs":
                return abs(number)
            return Decimal(math.floor(number) if name == "floor" else math.ceil(number))
        items = first if len(args) == 1 and isinstance(first, list) else args
        if name == "count":
            return Decimal(len(items)) if isinstance(first, list) else None
        if name == "contains":
            return args[1] in first if all(isinstance(a, str) for a in args) else None
        numbers = [_number(item) for item in items]
        if not numbers or any(n is None for n in numbers):
            return None
        return reduce(name, numbers)
    except (TypeError, ValueError, AttributeError, InvalidOperation, OverflowError):
        return None


def reduce(name: str, numbers: list[Any]) -> Any:
    """FEEL's (and DMN's aggregations') sum, min and max of numbers."""
    name = name.lower()
    if name == "sum":
        return sum(numbers, Decimal(0))
    return min(numbers) if name == "min" else max(numbers)


def _path(value: Any, name: str) -> Any:
    if isinstance(value, dict):
        return value.get(name)
    if isinstance(value, list):
        return [_path(item, name) for item in value]
    if isinstance(value, date | time) and name in ("year", "month", "day", "hour", "minute"):
        return _number(getattr(value, name, None))
    return None


def evaluate(tree: Tree, context: dict[str, Any], value: Any = None) -> Any:
    """The value of an expression tree; `value` is what `?` stands for."""
    kind = tree[0]
    if kind == "value":
        return tree[1]
    if kind == "name":
        return context.get(tree[1])
    if kind == "input":
        return value
    if kind == "path":
        return _path(evaluate(tree[1], context, value), tree[2])
    if kind == "neg":
        number = _number(evaluate(tree[1], context, value))
        return None if number is None else -number
    if kind == "arith":
        left, right = (evaluate(part, context, value) for part in tree[2:4])
        return _arith(tree[1], left, right)
    if kind == "cmp":
        left, right = (evaluate(part, context, value) for part in tree[2:4])
        return _compare(tree[1], left, right)
    if kind in ("and", "or"):
        left = _truth(evaluate(tree[1], context, value))
        if left is (kind == "or"):
            return left
        right = _truth(evaluate(tree[2], context, value))
        if right is (kind == "or"):
            return right
        return None if left is None or right is None else kind == "and"
    if kind == "if":
        condition = evaluate(tree[1], context, value)
        return evaluate(tree[2] if condition is True else tree[3], context, value)
    if kind == "between":
        subject, low, high = (evaluate(part, context, value) for part in tree[1:4])
        above, below = _compare(">=", subject, low), _compare("<=", subject, high)
        return None if above is None or below is None else above and below
    if kind == "in":
        subject = evaluate(tree[1], context, value)
        return any(_positive(test, subject, context) for test in tree[2])
    if kind == "list":
        return [evaluate(item, context, value) for item in tree[1]]
    if kind == "call":
        return _call(tree[1], [evaluate(arg, context, value) for arg in tree[2]])
    raise ValueError(f"unknown FEEL node {kind}")


def _positive(test: Tree, subject: Any, context: dict[str, Any]) -> bool:
    kind = test[0]
    if kind == "compare":
        return _compare(test[1], subject, evaluate(test[2], context, subject)) is True
    if kind == "range":
        _kind, low_closed, low, high, high_closed = test
        low_value, high_value = evaluate(low, context, subject), evaluate(high, context, subject)
        above = _compare(">=" if low_closed else ">", subject, low_value)
        below = _compare("<=" if high_closed else "<", subject, high_value)
        return above is True and below is True
    if kind == "true":
        return evaluate(test[1], context, subject) is True
    expected = evaluate(test[1], context, subject)
    if isinstance(expected, list):
        return any(equal(subject, item) is True for item in expected)
    return equal(subject, expected) is True


def matches(tree: Tree, subject: Any, context: dict[str, Any]) -> bool:
    """Whether an input entry's tests match the input's value (null matches only `-`)."""
    if tree[0] == "any":
        return True
    if subject is None and not any(t == ("equal", ("value", None)) for t in tree[1]):
        return False
    found = any(_positive(test, subject, context) for test in tree[1])
    return not found if tree[0] == "not" else found


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return f"P{value.days}DT{value.seconds}S" if value.days else f"PT{value.seconds}S"
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def plain(value: Any) -> Any:
    """A FEEL value as process data (JSON: numbers, text, booleans, lists, dicts, null)."""
    return _plain(value)
