"""Camunda's JUEL expressions are read as the Python the sandbox runs."""

import pytest

from engine.dialects.juel import juel_to_python

CASES = {
    "${amount > 1000 && !approved}": "amount > 1000 and not approved",
    "${customer != null}": "customer != None",
    "${empty items}": "not items",
    "${not empty items}": "not not items",
    "${total ge 100 || vip eq true}": "total >= 100 or vip == True",
    "${a lt b and c le d or e gt f}": "a < b and c <= d or e > f",
    "${x div 2 mod 3}": "x / 2 % 3",
    '${status == "a && b || !c"}': 'status == "a && b || !c"',
    "#{count}": "count",
    "${lines[0]}": "lines[0]",
    "${vip ? 0.1 : 0}": "(0.1 if vip else 0)",
    "${a > 1 && b ? 'x' : c ? 'y' : 'z'}": "('x' if a > 1 and b else ('y' if c else 'z'))",
    "${[ok ? 1 : 2, 3]}": "[(1 if ok else 2), 3]",
    "${f(a ? b : c)}": "f((b if a else c))",
    '${status == "a ? b : c"}': 'status == "a ? b : c"',
}


@pytest.mark.parametrize(("juel", "python"), CASES.items(), ids=CASES.keys())
def test_juel_is_read_as_python(juel, python):
    assert juel_to_python(juel) == python


def test_text_that_is_not_an_expression_is_left_alone():
    assert juel_to_python("sales") == "sales"
    assert juel_to_python("approved && ok") == "approved && ok"
