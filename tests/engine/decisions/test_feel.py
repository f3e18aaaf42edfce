"""FEEL in DMN tables as Camunda Modeler 5 writes them, run by a deployed process.

tests/fixtures/dmn/feel.dmn holds one COLLECT table whose rules each use one kind of unary
test (the output names the rule's test) and one table whose output entries are FEEL
expressions. What the process data holds afterwards is what a user sees on the case.
FEEL outside the subset is refused at deploy, naming the decision, the rule, the input,
the line and the construct, and nothing is stored.
"""

import pytest

from engine.parsing.errors import DeploymentInvalid
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from tests.engine.decisions.helpers import (
    FIXTURES,
    archive,
    deploy,
    fixture,
    nothing_stored,
    run,
)

pytestmark = pytest.mark.django_db


def matched(variables: dict) -> list[str]:
    deploy({"feel.dmn": fixture("feel.dmn")}, "tests")
    instance = run(variables)
    assert instance.status == "completed", list(instance.incidents.values_list("error", flat=True))
    return instance.variables["matched"]


def customer(region="west", vip=False, **more):
    return {"customer": {"region": region, "vip": vip, **more}}


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (5, ["[5..8]", "(1..10]"]),
        (8, ["[5..8]", "(1..10]"]),
        (1, []),  # ( excludes its end
        (10, ["(1..10]"]),
        (10.5, ["]10..20["]),
        (20, []),
        (-3, ["< 0"]),
        (-1, ["< 0", "-1"]),
        (42, ["42"]),
        (55, ["? > 50 and ? < 60"]),
        (100, [">= 100"]),
    ],
)
def test_numbers_ranges_and_comparisons(total, expected):
    found = matched({"orderTotal": total, "contractSigned": "2024-06-01", **customer()})
    # COLLECT lists the matching rules' outputs in rule order.
    assert found == [*expected, "neither north nor south", "not VIP", "always"]


@pytest.mark.parametrize(
    ("region", "vip", "expected"),
    [
        ("north", True, ["north or south", "VIP"]),
        ("south", False, ["north or south", "not VIP"]),
        ("east", False, ["neither north nor south", "not VIP"]),
    ],
)
def test_strings_lists_not_and_booleans(region, vip, expected):
    found = matched({"orderTotal": 0, "contractSigned": "2024-06-01", **customer(region, vip)})
    assert found == [*expected, "always"]


@pytest.mark.parametrize(
    ("signed", "expected"),
    [("2026-02-01", ["signed in 2026"]), ("2025-12-31", ["signed in 2025"]), ("2024-12-31", [])],
)
def test_dates_compare_with_the_iso_date_the_data_holds(signed, expected):
    found = matched({"orderTotal": 0, "contractSigned": signed, **customer("east")})
    assert [f for f in found if f.startswith("signed")] == expected


def test_a_missing_value_matches_no_test_but_the_dash():
    assert matched({}) == ["always"]


def test_feel_output_expressions_give_plain_process_data():
    deploy({"feel.dmn": fixture("feel.dmn")}, "offer")
    data = {
        "orderTotal": 200,
        "contractSigned": "2026-03-01",
        **customer("north", True, name="Ada Lovelace"),
    }
    instance = run(data)
    assert instance.status == "completed"
    assert {key: instance.variables[key] for key in instance.variables if key not in data} == {
        "discount": 20,
        "greeting": "Dear Ada Lovelace",
        "paymentDue": "2026-03-31",
        "priority": True,
        "credit": -50,
        "inRange": True,
        "share": 0.3,
    }
    instance = run({"orderTotal": 2000, "contractSigned": "2026-03-01", **customer("south")})
    assert instance.variables["discount"] == 0
    assert instance.variables["priority"] is True
    assert instance.variables["inRange"] is False
    assert instance.variables["greeting"] is None  # a missing name: null, not an incident


def test_a_declared_feel_expression_language_makes_a_plain_dmn_file_feel():
    dmn = (FIXTURES / "parsing" / "discount.dmn").read_text()
    dmn = dmn.replace(
        'namespace="http://hypercrm.test/parsing"',
        'namespace="http://hypercrm.test/parsing" '
        'expressionLanguage="https://www.omg.org/spec/DMN/20191111/FEEL/"',
    )
    for name, value in {
        "input_expression": "order.total",
        "input_entry": "[1000..5000)",
        "output_entry": '"gold"',
    }.items():
        dmn = dmn.replace(f"${name}", value)
    files = {"pricing.bpmn": (FIXTURES / "parsing" / "business_rule.bpmn").read_text()}
    files["discount.dmn"] = dmn
    definition_deploy(file_name="p.zip", content=archive(files), user=None, check_role=False)
    small = instance_start(definition_key="pricing", variables={"order": {"total": 999}})
    assert small.status == "completed" and small.variables["discount"] == "none"
    # FEEL's UNIQUE, not SpiffWorkflow's first match: the catch-all rule overlaps the first.
    big = instance_start(definition_key="pricing", variables={"order": {"total": 1000}})
    assert big.status == "error" and "discount" not in big.variables
    assert "rule 1 (big_order), rule 2 (any_order)" in big.incidents.get().error


@pytest.mark.parametrize(
    ("old", "new", "construct"),
    [
        ("[5..8]", "for x in [1, 2] return x", "a `for … return` loop"),
        ('"north","south"', "{region: 1}", "a context `{ … }`"),
        ("&gt;= 100", "&gt;= upper(1)", "the function `upper()`"),
        ("42", "'gold'", "a string not closed by a double quote"),
        ("-1", "2 ** 3", "the exponent `**`"),
    ],
)
def test_feel_outside_the_subset_is_refused_at_deploy(old, new, construct):
    text = fixture("feel.dmn")
    entry = f"<text>{old}</text>"
    assert text.count(entry) == 1
    line = text[: text.index(entry)].count("\n") + 1
    with pytest.raises(DeploymentInvalid) as refused:
        deploy({"feel.dmn": text.replace(entry, f"<text>{new}</text>")}, "tests")
    [problem] = refused.value.problems
    assert problem.file == "feel.dmn" and problem.line == line
    assert 'of decision "tests"' in problem.message
    assert 'the input entry for "' in problem.message
    assert construct in problem.message
    assert "is not in the FEEL HyperCRM runs" in problem.message
    assert nothing_stored()


def test_an_output_entry_outside_the_subset_is_refused_naming_its_output():
    text = fixture("feel.dmn").replace('"Dear " + customer.name', "some x in [1] satisfies x")
    with pytest.raises(DeploymentInvalid) as refused:
        deploy({"feel.dmn": text}, "offer")
    [problem] = refused.value.problems
    assert 'output entry for "Greeting"' in problem.message
    assert "a `some … satisfies` quantifier" in problem.message
    assert nothing_stored()


def test_a_language_hypercrm_does_not_run_is_refused_naming_it():
    text = fixture("feel.dmn").replace(
        '<inputEntry id="UnaryTests_0001">',
        '<inputEntry id="UnaryTests_0001" expressionLanguage="javascript">',
    )
    with pytest.raises(DeploymentInvalid) as refused:
        deploy({"feel.dmn": text}, "tests")
    [problem] = refused.value.problems
    assert 'expression language "javascript" is not one HyperCRM runs' in problem.message
    assert nothing_stored()


def test_a_feel_refusal_is_told_in_the_readers_language():
    from django.utils import translation

    text = fixture("feel.dmn").replace("<text>[5..8]</text>", "<text>{a: 1}</text>")
    for language, phrases in {
        "fr": ["de la décision « tests »", "un contexte `{ … }` ne fait pas partie du FEEL"],
        "ru": ["решения «tests»", "контекст `{ … }` не входит в FEEL"],
    }.items():
        with translation.override(language), pytest.raises(DeploymentInvalid) as refused:
            deploy({"feel.dmn": text}, "tests")
        [problem] = refused.value.problems
        assert all(phrase in problem.message for phrase in phrases), problem.message
    assert nothing_stored()


@pytest.mark.parametrize(
    ("entry", "construct"),
    [
        ("(" * 300 + "1" + ")" * 300, "an entry nested too deeply"),
        ("1" + " + 1" * 2000, "an entry nested too deeply"),  # a chain is a deep tree too
        ("1," * 6000 + "1", "a text of 12,001 characters (the limit is 10,000)"),
    ],
)
def test_feel_too_deep_or_too_long_to_run_is_refused_at_deploy_at_once(entry, construct):
    import time

    text = fixture("feel.dmn").replace("<text>[5..8]</text>", f"<text>{entry}</text>")
    started = time.monotonic()
    with pytest.raises(DeploymentInvalid) as refused:
        deploy({"feel.dmn": text}, "tests")
    assert time.monotonic() - started < 2
    [problem] = refused.value.problems
    assert construct in problem.message
    assert nothing_stored()


def test_feel_declared_on_an_input_expression_is_read_as_feel():
    """An input expression may say its own language; its column's entries keep theirs."""
    dmn = (FIXTURES / "parsing" / "discount.dmn").read_text()
    dmn = dmn.replace(
        '<inputExpression id="order_total_expression" typeRef="number">',
        '<inputExpression id="order_total_expression" typeRef="number" '
        'expressionLanguage="https://www.omg.org/spec/DMN/20191111/FEEL/">',
    )
    for name, value in {
        "input_expression": "order.total",  # a FEEL path: Python would need order['total']
        "input_entry": "[1000..5000)",
        "output_entry": '"gold"',
    }.items():
        dmn = dmn.replace(f"${name}", value)
    dmn = dmn.replace(
        '<inputEntry id="big_order_total">',
        '<inputEntry id="big_order_total" '
        'expressionLanguage="https://www.omg.org/spec/DMN/20191111/FEEL/">',
    )
    files = {"pricing.bpmn": (FIXTURES / "parsing" / "business_rule.bpmn").read_text()}
    files["discount.dmn"] = dmn
    definition_deploy(file_name="p.zip", content=archive(files), user=None, check_role=False)
    big = instance_start(definition_key="pricing", variables={"order": {"total": 1200}})
    assert big.status == "completed" and big.variables["discount"] == "gold"
    small = instance_start(definition_key="pricing", variables={"order": {"total": 20}})
    assert small.variables["discount"] == "none"
