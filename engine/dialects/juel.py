"""Camunda 7's expression language (JUEL, without method calls) read as Python.

`${amount > 1000 && !approved}` → `amount > 1000 and not approved`. The text is split
into tokens first, so words and operators inside string literals are left as they are.
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
    return _join(parts)


def _join(parts: list[str]) -> str:
    out = ""
    for part in parts:
        tight = part in (".", ")", "]", ",") or out.endswith((".", "(", "[")) or not out
        if part in ("(", "[") and out and (out[-1].isalnum() or out[-1] in "_)]"):
            tight = True
        out += part if tight else f" {part}"
    return out.replace(" ,", ",")


def juel_to_python(text: str) -> str:
    """`${a > 1 && b}` → `a > 1 and b`; text that is not a JUEL expression is returned as is."""
    match = _WRAPPED.match(text or "")
    if not match:
        return text
    return translate(match.group(1))
