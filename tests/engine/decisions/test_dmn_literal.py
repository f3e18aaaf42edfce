"""Decision literal expressions (a decision that is one FEEL expression, with its variable),
called by a business rule task or required by a decision table."""

import pytest

from engine.parsing.errors import DeploymentInvalid
from tests.engine.decisions.helpers import deploy, fixture, nothing_stored, run

pytestmark = pytest.mark.django_db


def test_a_literal_expression_decision_gives_its_variable():
    deploy({"literal.dmn": fixture("literal.dmn")}, "discount_factor")
    assert run({"orderTotal": 1500}).variables["discountFactor"] == 0.9
    assert run({"orderTotal": 20}).variables["discountFactor"] == 1


def test_a_table_reads_the_literal_decision_it_requires():
    deploy({"literal.dmn": fixture("literal.dmn")}, "price")
    instance = run({"orderTotal": 2000})
    assert instance.variables["price"] == 1800
    assert "discountFactor" not in instance.variables


def test_a_single_entry_mapping_takes_the_literal_value():
    deploy(
        {"literal.dmn": fixture("literal.dmn")},
        "discount_factor",
        resultVariable="factor",
        mapDecisionResult="singleEntry",
    )
    assert run({"orderTotal": 1000}).variables["factor"] == 0.9


def test_a_literal_expression_outside_the_subset_is_refused_at_deploy():
    text = fixture("literal.dmn").replace(
        "if orderTotal &gt;= 1000 then 0.9 else 1", "for x in [1] return x"
    )
    with pytest.raises(DeploymentInvalid) as refused:
        deploy({"literal.dmn": text}, "discount_factor")
    [problem] = refused.value.problems
    assert problem.element_id == "discount_factor" and problem.line == 6
    assert 'The decision "discount_factor": the literal expression on line 6 is refused' in (
        problem.message
    )
    assert "a `for … return` loop is not in the FEEL HyperCRM runs" in problem.message
    assert nothing_stored()
