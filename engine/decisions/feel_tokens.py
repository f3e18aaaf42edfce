"""FEEL text as tokens: numbers, strings, names, keywords and operators, with their line."""

import re
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

UNSUPPORTED_WORDS = {
    "for": pgettext_lazy("FEEL construct", "a `for … return` loop"),
    "some": pgettext_lazy("FEEL construct", "a `some … satisfies` quantifier"),
    "every": pgettext_lazy("FEEL construct", "an `every … satisfies` quantifier"),
    "function": pgettext_lazy("FEEL construct", "a function definition"),
    "instance": pgettext_lazy("FEEL construct", "an `instance of` test"),
    "satisfies": pgettext_lazy("FEEL construct", "a quantifier"),
    "return": pgettext_lazy("FEEL construct", "a `for … return` loop"),
}
_TOKEN = re.compile(
    r"""\s*(?:
    (?P<num>\d+(?:\.\d+)?|\.\d+)
    |(?P<str>"(?:[^"\\]|\\.)*")
    |(?P<name>[A-Za-z_][A-Za-z0-9_]*)
    |(?P<op>\.\.|\*\*|<=|>=|!=|[-+*/=<>()\[\],.?{}:])
    )""",
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "if", "then", "else", "true", "false", "null", "between", "in"}
_KEYWORDS |= set(UNSUPPORTED_WORDS)
COMPARISONS = {"=", "!=", "<", "<=", ">", ">="}


# A parsed FEEL text: a tuple whose first item names the node (feel_parse.py).
Tree = tuple[Any, ...]


class FeelError(Exception):
    """A FEEL text outside the subset; `construct` names what, `line` where in the text."""

    def __init__(self, construct: str, line: int = 1) -> None:
        super().__init__(construct)
        self.construct = construct
        self.line = line


def tokens(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, line) of each token, and an end token; raises FeelError."""
    found, position, line = [], 0, 1
    stripped = text.rstrip()
    while position < len(stripped):
        match = _TOKEN.match(stripped, position)
        if match is None or match.end() == position:
            rest = stripped[position:].lstrip()
            line += stripped.count("\n", position, len(stripped) - len(rest))
            if rest.startswith(("'", '"')):
                raise FeelError(
                    _('a string not closed by a double quote (FEEL strings use ")'), line
                )
            raise FeelError(_("the character `%(char)s`") % {"char": rest[0]}, line)
        kind = match.lastgroup or ""
        value = match.group(kind)
        # Lines are counted as the text is read: counting from the start each time would
        # take a time quadratic in the text's length.
        line += stripped.count("\n", position, match.start(kind))
        if kind == "name" and value in _KEYWORDS:
            kind = "kw"
        found.append((kind, value, line))
        line += value.count("\n")
        position = match.end()
    found.append(("end", "", stripped.count("\n") + 1))
    return found
