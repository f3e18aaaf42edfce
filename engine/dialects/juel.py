"""Camunda 7's expression language (JUEL, without method calls) read as Python.

`${amount > 1000 && !approved}` → `amount > 1000 and not approved`; the conditional
`${vip ? 0.1 : 0}` → `(0.1 if vip else 0)`. The text is split into tokens first, so words
and operators inside string literals are left as they are.
The result is an ordinary expression for the sandbox; nothing here evaluates anything.
"""

import re

_WRAPPED = re.compile(r"^\s*[$#]\{(.*)\}\s*$", re.DOTALL)
_TOKEN = re.compile(
    r"""(?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
      | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
      | (?P<word>[A-Za-z_][A-Za-z_0-9]*)
      | (?P<operator>&&|\|\||==|!=|<=|>=|[!<>+\-*/%()\[\].,?:])
      | (?P<space>\s+)
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
_WORDS = {
    "true": "True",
    "false": "False",
    "null": "None",
    "eq": "==",
    "ne": "!=",
    "lt": "<",
    "gt": ">",
    "le": "<=",
    "ge": ">=",
    "div": "/",
    "mod": "%",
    "and": "and",
    "or": "or",
    "not": "not",
    "empty": "not",
}
_OPERATORS = {"&&": "and", "||": "or", "!": "not"}
# Python words a bracket after is not a call or an index: `else (…)`, `not (…)`.
_KEYWORDS = {"if", "else", "and", "or", "not", "in"}


def is_juel(text: str | None) -> bool:
    return bool(text) and _WRAPPED.match(text or "") is not None


def translate(expression: str) -> str:
    """A JUEL expression's body (without `${…}`) as Python."""
    parts: list[str] = []
    for match in _TOKEN.finditer(expression):
        kind, text = match.lastgroup, match.group()
        if kind == "space":
            continue
        if kind == "word":
            previous = parts[-1] if parts else ""
            # `a.eq` is an attribute named eq, not the operator.
            text = text if previous == "." else _WORDS.get(text, text)
        elif kind == "operator":
            text = _OPERATORS.get(text, text)
        parts.append(text)
    return _join(_conditionals(parts))


_OPENING = {"(": ")", "[": "]"}


def _conditionals(parts: list[str]) -> list[str]:
    """`c ? a : b` as Python's `(a if c else b)`, inside brackets and between commas too."""
    out: list[str] = []
    i = 0
    while i < len(parts):
        if parts[i] in _OPENING:
            end = _closing(parts, i)
            out += [parts[i], *_segments(parts[i + 1 : end]), *parts[end : end + 1]]
            i = end + 1
        else:
            out.append(parts[i])
            i += 1
    return _conditional(out)


def _closing(parts: list[str], start: int) -> int:
    depth = 0
    for index in range(start, len(parts)):
        depth += parts[index] in _OPENING
        depth -= parts[index] in _OPENING.values()
        if depth == 0:
            return index
    return len(parts)  # unbalanced: the sandbox's check says so


def _top_level(parts: list[str]) -> list[int | None]:
    """Each part's index if it stands outside any brackets, else None."""
    depth, found = 0, []
    for index, part in enumerate(parts):
        depth -= part in _OPENING.values()
        found.append(index if depth == 0 else None)
        depth += part in _OPENING
    return found


def _segments(parts: list[str]) -> list[str]:
    """The comma-separated items of a bracket, each read for conditionals."""
    out: list[str] = []
    start = 0
    for index in [*(i for i in _top_level(parts) if i is not None and parts[i] == ","), len(parts)]:
        out += _conditionals(parts[start:index]) + parts[index : index + 1]
        start = index + 1
    return out


def _conditional(parts: list[str]) -> list[str]:
    top = [i for i in _top_level(parts) if i is not None]
    question = next((i for i in top if parts[i] == "?"), None)
    if question is None:
        return parts
    nested, colon = 0, None
    for index in (i for i in top if i > question):
        if parts[index] == "?":
            nested += 1
        elif parts[index] == ":":
            if nested == 0:
                colon = index
                break
            nested -= 1
    if colon is None:
        return parts  # not a conditional: the sandbox's check refuses it
    condition, then = parts[:question], _conditional(parts[question + 1 : colon])
    otherwise = _conditional(parts[colon + 1 :])
    return ["(", *then, "if", *condition, "else", *otherwise, ")"]


def _join(parts: list[str]) -> str:
    out = ""
    for part in parts:
        tight = part in (".", ")", "]", ",") or out.endswith((".", "(", "[")) or not out
        called = out and (out[-1].isalnum() or out[-1] in "_)]")
        if part in ("(", "[") and called and out.rsplit(" ", 1)[-1] not in _KEYWORDS:
            tight = True
        out += part if tight else f" {part}"
    return out.replace(" ,", ",")


def juel_to_python(text: str) -> str:
    """`${a > 1 && b}` → `a > 1 and b`; text that is not a JUEL expression is returned as is."""
    match = _WRAPPED.match(text or "")
    if not match:
        return text
    return translate(match.group(1))
