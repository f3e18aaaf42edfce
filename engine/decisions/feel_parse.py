"""FEEL, the subset HyperCRM runs: simple unary tests and simple expressions, parsed to a tree.

Unary tests (input entries): `-`, comparisons (`< 10`, `>= date("2026-01-01")`), ranges
(`[5..8]`, `(1..10]`, `]1..10[`), lists of tests (`"a","b"`), `not(...)`, a plain value
(equality), and an expression using `?` for the input's value. Expressions (input
expressions, output entries): numbers, strings, `true` / `false` / `null`, names and paths
(`customer.segment`), `+ - * /`, comparisons, `and` / `or`, `between … and …`, `in (…)`,
`if … then … else …`, lists `[…]` and a few functions (FUNCTIONS). Anything else is refused
with a FeelError naming the construct, never evaluated: the tree is read by feel_eval.py,
no Python is compiled from it.
"""

import re
from decimal import Decimal
from typing import NoReturn

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .feel_tokens import COMPARISONS, UNSUPPORTED_WORDS, FeelError, Tree, tokens

FUNCTIONS = {
    "date": (1, 3),
    "time": (1, 3),
    "date and time": (1, 2),
    "duration": (1, 1),
    "string": (1, 1),
    "number": (1, 1),
    "not": (1, 1),
    "abs": (1, 1),
    "floor": (1, 1),
    "ceiling": (1, 1),
    "min": (1, 99),
    "max": (1, 99),
    "sum": (1, 99),
    "count": (1, 1),
    "contains": (2, 2),
}


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokens(text)
        self.at = 0

    # -- helpers
    def peek(self, offset: int = 0) -> tuple[str, str, int]:
        return self.tokens[min(self.at + offset, len(self.tokens) - 1)]

    def is_(self, value: str, offset: int = 0) -> bool:
        at = self.at + offset
        token = self.tokens[at] if at < len(self.tokens) else self.tokens[-1]
        return token[1] == value and token[0] in ("op", "kw")

    def take(self) -> tuple[str, str, int]:
        token = self.peek()
        self.at += 1
        return token

    def expect(self, value: str) -> None:
        if not self.is_(value):
            self.fail(f"`{value}`")
        self.take()

    def fail(self, what: str = "") -> NoReturn:
        kind, text, line = self.peek()
        if kind == "end":
            if what:
                message = _("an incomplete text: %(what)s is expected at its end") % {"what": what}
            else:
                message = _("an incomplete text")
            raise FeelError(message, line)
        if kind == "kw" and text in UNSUPPORTED_WORDS:
            raise FeelError(str(UNSUPPORTED_WORDS[text]), line)
        if text == "{":
            raise FeelError(_("a context `{ … }`"), line)
        if text == "**":
            raise FeelError(_("the exponent `**`"), line)
        found = f"`{text}`"
        if what:
            found = _("%(found)s where %(what)s is expected") % {"found": found, "what": what}
        raise FeelError(found, line)

    # -- unary tests
    def unary_tests(self) -> Tree:
        if self.is_("-") and self.peek(1)[0] == "end":
            return ("any",)
        if self.is_("not") and self.is_("(", 1):
            self.take()
            self.take()
            tests = self.positive_tests()
            self.expect(")")
            self.end()
            return ("not", tests)
        tests = self.positive_tests()
        self.end()
        return ("tests", tests)

    def positive_tests(self) -> list[Tree]:
        tests = [self.positive_test()]
        while self.is_(","):
            self.take()
            tests.append(self.positive_test())
        return tests

    def positive_test(self) -> Tree:
        kind, text, _line = self.peek()
        if kind == "op" and text in ("<", "<=", ">", ">="):
            self.take()
            return ("compare", text, self.endpoint())
        if kind == "op" and text in ("[", "(", "]"):
            start = self.at
            try:
                return self.interval()
            except FeelError:
                if text == "]":
                    raise
                self.at = start  # a parenthesized expression or a list, not a range
        if self.is_("="):
            self.take()
        start = self.at
        expression = self.expression()
        uses_input = any(token[1] == "?" for token in self.tokens[start : self.at])
        return ("true", expression) if uses_input else ("equal", expression)

    def interval(self) -> Tree:
        opening = self.take()[1]
        low = self.endpoint()
        self.expect("..")
        high = self.endpoint()
        if not (self.is_("]") or self.is_(")") or self.is_("[")):
            self.fail(_("a range's closing `]`, `)` or `[`"))
        closing = self.take()[1]
        return ("range", opening == "[", low, high, closing == "]")

    def endpoint(self) -> Tree:
        return self.additive()

    def end(self) -> None:
        if self.peek()[0] != "end":
            self.fail()

    # -- expressions
    def whole_expression(self) -> Tree:
        tree = self.expression()
        self.end()
        return tree

    def expression(self) -> Tree:
        if self.is_("if"):
            self.take()
            condition = self.expression()
            self.expect("then")
            then = self.expression()
            self.expect("else")
            return ("if", condition, then, self.expression())
        return self.disjunction()

    def disjunction(self) -> Tree:
        tree = self.conjunction()
        while self.is_("or"):
            self.take()
            tree = ("or", tree, self.conjunction())
        return tree

    def conjunction(self) -> Tree:
        tree = self.comparison()
        while self.is_("and"):
            self.take()
            tree = ("and", tree, self.comparison())
        return tree

    def comparison(self) -> Tree:
        tree = self.additive()
        kind, text, _line = self.peek()
        if kind == "op" and text in COMPARISONS:
            self.take()
            return ("cmp", text, tree, self.additive())
        if self.is_("between"):
            self.take()
            low = self.additive()
            self.expect("and")
            return ("between", tree, low, self.additive())
        if self.is_("in"):
            self.take()
            start = self.at
            if self.is_("("):
                try:
                    return ("in", tree, [self.interval()])
                except FeelError:
                    self.at = start
                self.take()
                tests = self.positive_tests()
                self.expect(")")
            else:
                tests = [self.positive_test()]
            return ("in", tree, tests)
        return tree

    def additive(self) -> Tree:
        tree = self.multiplicative()
        while self.is_("+") or self.is_("-"):
            tree = ("arith", self.take()[1], tree, self.multiplicative())
        return tree

    def multiplicative(self) -> Tree:
        tree = self.negation()
        while self.is_("*") or self.is_("/"):
            tree = ("arith", self.take()[1], tree, self.negation())
        return tree

    def negation(self) -> Tree:
        if self.is_("-"):
            self.take()
            return ("neg", self.negation())
        tree = self.primary()
        while self.is_("."):
            self.take()
            kind, text, _line = self.peek()
            if kind != "name":
                self.fail(_("a name after `.`"))
            self.take()
            tree = ("path", tree, text)
        return tree

    def primary(self) -> Tree:
        kind, text, _line = self.peek()
        if kind == "num":
            self.take()
            return ("value", Decimal(text))
        if kind == "str":
            self.take()
            return ("value", re.sub(r"\\(.)", r"\1", text[1:-1]))
        if kind == "kw" and text in ("true", "false", "null"):
            self.take()
            return ("value", {"true": True, "false": False, "null": None}[text])
        if self.is_("?"):
            self.take()
            return ("input",)
        if self.is_("("):
            self.take()
            tree = self.expression()
            self.expect(")")
            return tree
        if self.is_("["):
            self.take()
            items = [] if self.is_("]") else [self.expression()]
            while self.is_(","):
                self.take()
                items.append(self.expression())
            self.expect("]")
            return ("list", items)
        if kind == "name" or (kind == "kw" and text == "not" and self.is_("(", 1)):
            return self.name_or_call()
        return self.fail(_("a value"))

    def name_or_call(self) -> Tree:
        _kind, name, line = self.take()
        if name == "date" and self.is_("and") and self.peek(1)[1] == "time" and self.is_("(", 2):
            self.take()
            self.take()
            name = "date and time"
        if not self.is_("("):
            return ("name", name)
        if name not in FUNCTIONS:
            raise FeelError(_("the function `%(name)s()`") % {"name": name}, line)
        self.take()
        args = [] if self.is_(")") else [self.expression()]
        while self.is_(","):
            self.take()
            args.append(self.expression())
        self.expect(")")
        low, high = FUNCTIONS[name]
        if not low <= len(args) <= high:
            message = ngettext(
                "`%(name)s()` with %(count)s argument",
                "`%(name)s()` with %(count)s arguments",
                len(args),
            )
            raise FeelError(message % {"name": name, "count": len(args)}, line)
        return ("call", name, args)


# Deeper trees are refused: evaluating them would exhaust the interpreter's stack.
MAX_DEPTH = 100
# A cell of a decision table holds a few words; a longer text is refused before it is read.
MAX_TEXT = 10_000


def _bounded(text: str) -> str:
    if len(text) > MAX_TEXT:
        raise FeelError(
            _("a text of %(length)s characters (the limit is %(limit)s)")
            % {
                "length": number_format(len(text), force_grouping=True),
                "limit": number_format(MAX_TEXT, force_grouping=True),
            }
        )
    return text


def _shallow(tree: Tree, refusal: str) -> Tree:
    """The tree, when it is at most MAX_DEPTH deep (measured without recursion)."""
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise FeelError(refusal)
        for part in node:
            if isinstance(part, tuple):
                stack.append((part, depth + 1))
            elif isinstance(part, list):
                stack.extend((item, depth + 1) for item in part if isinstance(item, tuple))
    return tree


def parse_unary_tests(text: str) -> Tree:
    """The tree of an input entry; raises FeelError."""
    if not text.strip():
        return ("any",)
    try:
        return _shallow(_Parser(_bounded(text)).unary_tests(), _("an entry nested too deeply"))
    except RecursionError:
        raise FeelError(_("an entry nested too deeply")) from None


def parse_expression(text: str) -> Tree:
    """The tree of an input expression or an output entry; raises FeelError."""
    if not text.strip():
        return ("value", None)
    try:
        tree = _Parser(_bounded(text)).whole_expression()
        return _shallow(tree, _("an expression nested too deeply"))
    except RecursionError:
        raise FeelError(_("an expression nested too deeply")) from None
