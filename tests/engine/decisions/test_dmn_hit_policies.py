"""Every DMN hit policy, run by a deployed Camunda Modeler 5 process's business rule task.

The decisions are in one file (tests/fixtures/dmn/hit_policies.dmn), in FEEL as Camunda
writes them; the test reads the process data the decision left, or the incident it raised.
"""

import pytest

from engine.parsing.errors import DeploymentInvalid
from tests.engine.decisions.helpers import (
    FIXTURES,
    deploy,
    fixture,
    incident_of,
    nothing_stored,
    run,
)

pytestmark = pytest.mark.django_db

GOLD_BIG = {"segment": "gold", "orderTotal": 20000}
NEW_BIG = {"segment": "new", "orderTotal": 30000}
SILVER_SMALL = {"segment": "silver", "orderTotal": 50}
BLOCKED = {"segment": "blocked", "orderTotal": 5000}


def decided(decision: str, variables: dict, **attributes: str) -> dict:
    deploy({"hit_policies.dmn": fixture("hit_policies.dmn")}, decision, **attributes)
    instance = run(variables)
    assert instance.status == "completed", list(instance.incidents.values_list("error", flat=True))
    return {key: value for key, value in instance.variables.items() if key not in variables}


@pytest.mark.parametrize(
    ("decision", "variables", "expected"),
    [
        ("discount", NEW_BIG, {"discountRate": 20}),
        ("discount", SILVER_SMALL, {"discountRate": 5}),
        ("discount", BLOCKED, {}),  # no rule matches: nothing is set
        ("risk", GOLD_BIG, {"risk": "medium"}),  # FIRST: rule 2 before the catch-all
        ("risk", SILVER_SMALL, {"risk": "low"}),
        ("review", GOLD_BIG, {"reviewLevel": "manager"}),  # PRIORITY by the output values
        ("review", NEW_BIG, {"reviewLevel": "board"}),
        ("review", SILVER_SMALL, {"reviewLevel": "none"}),
        ("eligible", GOLD_BIG, {"eligible": True}),  # ANY: two rules agree
        ("eligible", SILVER_SMALL, {}),
        ("fees", NEW_BIG, {"fee": 35}),  # COLLECT SUM: 10 + 25
        ("fees", SILVER_SMALL, {"fee": 15.5}),
        ("checks", NEW_BIG, {"checks": ["address", "identity", "credit"]}),  # RULE ORDER
        ("ordered_checks", NEW_BIG, {"checks": ["credit", "identity", "address"]}),
        ("ordered_checks", GOLD_BIG, {"checks": ["credit", "address"]}),
    ],
)
def test_each_hit_policy_gives_what_dmn_says(decision, variables, expected):
    assert decided(decision, variables) == expected


@pytest.mark.parametrize(
    ("aggregation", "expected"),
    [("SUM", 40.5), ("MIN", 5.5), ("MAX", 25), ("COUNT", 3)],
)
def test_collect_aggregates_the_matching_rules_outputs(aggregation, expected):
    dmn = fixture("hit_policies.dmn").replace(
        'hitPolicy="COLLECT" aggregation="SUM"', f'hitPolicy="COLLECT" aggregation="{aggregation}"'
    )
    deploy({"hit_policies.dmn": dmn}, "fees")
    instance = run({"segment": "new", "orderTotal": 10})
    assert instance.variables["fee"] == expected


def test_collect_without_aggregation_lists_every_output():
    dmn = fixture("hit_policies.dmn").replace(' aggregation="SUM"', "")
    deploy({"hit_policies.dmn": dmn}, "fees")
    assert run({"segment": "new", "orderTotal": 10}).variables["fee"] == [10, 25, 5.5]
    assert run({"segment": "gold", "orderTotal": 500}).variables["fee"] == [10]


def test_overlapping_rules_of_a_unique_feel_table_are_an_incident_naming_them():
    deploy({"hit_policies.dmn": fixture("hit_policies.dmn")}, "discount")
    instance = run(GOLD_BIG)
    assert instance.status == "error"
    error = incident_of(instance)
    assert 'The decision "Discount (UNIQUE)" has the hit policy UNIQUE' in error
    assert "rule 1 (Rule_gold_big), rule 4 (Rule_huge)" in error
    assert "discountRate" not in instance.variables
    translations = instance.incidents.get().error_translations
    assert translations["fr"].startswith("La décision « Discount (UNIQUE) »")
    assert "règle 1 (Rule_gold_big), règle 4 (Rule_huge)" in translations["fr"]
    assert translations["ru"].startswith("Решение «Discount (UNIQUE)»")
    assert "правило 1 (Rule_gold_big), правило 4 (Rule_huge)" in translations["ru"]


def test_rules_of_an_any_table_that_disagree_are_an_incident():
    deploy({"hit_policies.dmn": fixture("hit_policies.dmn")}, "eligible")
    instance = run(BLOCKED)
    assert instance.status == "error"
    error = incident_of(instance)
    assert 'The decision "Eligible (ANY)" has the hit policy ANY' in error
    assert "rule 2 (Rule_eligible_big), rule 3 (Rule_eligible_blocked)" in error
    assert "eligible" not in instance.variables


def test_a_python_unique_table_keeps_the_first_match():
    """SpiffWorkflow's tables are Python and first-match: overlapping rules are no incident."""
    from engine.services.definitions import definition_deploy
    from engine.services.instances import instance_start
    from tests.engine.decisions.helpers import archive

    parsing = FIXTURES / "parsing"
    dmn = (parsing / "discount.dmn").read_text()
    for name, value in {
        "input_expression": "order_total",
        "input_entry": "&gt;= 1000",
        "output_entry": '"gold"',
    }.items():
        dmn = dmn.replace(f"${name}", value)
    files = {"pricing.bpmn": (parsing / "business_rule.bpmn").read_text(), "discount.dmn": dmn}
    definition_deploy(file_name="p.zip", content=archive(files), user=None, check_role=False)
    big = instance_start(definition_key="pricing", variables={"order_total": 2000})
    assert big.status == "completed" and big.variables["discount"] == "gold"
    small = instance_start(definition_key="pricing", variables={"order_total": 20})
    assert small.variables["discount"] == "none"


def test_priority_without_allowed_output_values_is_refused_at_deploy():
    text = fixture("hit_policies.dmn")
    values = (
        '        <outputValues id="UnaryTests_values_review_level">\n'
        '          <text>"board","manager","none"</text>\n'
        "        </outputValues>\n"
    )
    assert values in text
    with pytest.raises(DeploymentInvalid) as refused:
        deploy({"hit_policies.dmn": text.replace(values, "")}, "review")
    [problem] = refused.value.problems
    assert problem.element_id == "review"
    assert "its hit policy PRIORITY orders the rules by their outputs' allowed values" in (
        problem.message
    )
    assert nothing_stored()


def test_an_aggregation_outside_collect_is_refused_at_deploy():
    text = fixture("hit_policies.dmn").replace(
        'hitPolicy="FIRST"', 'hitPolicy="FIRST" aggregation="SUM"'
    )
    with pytest.raises(DeploymentInvalid) as refused:
        deploy({"hit_policies.dmn": text}, "risk")
    [problem] = refused.value.problems
    assert problem.element_id == "risk"
    assert "it aggregates (SUM) under the hit policy FIRST: only COLLECT aggregates" in (
        problem.message
    )
    assert nothing_stored()
