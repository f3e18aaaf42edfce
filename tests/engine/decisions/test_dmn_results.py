"""Camunda's camunda:decisionRef with camunda:resultVariable and camunda:mapDecisionResult:
what the business rule task stores, for each mapping, from the dinner decisions."""

import pytest

from engine.parsing.errors import DeploymentInvalid
from tests.engine.decisions.helpers import deploy, fixture, incident_of, nothing_stored, run

pytestmark = pytest.mark.django_db
WINTER = {"season": "Winter", "guestCount": 3, "guestsWithChildren": True}


def stored(decision: str, mapping: str | None, variables=WINTER):
    attributes = {"resultVariable": "dinner"}
    if mapping:
        attributes["mapDecisionResult"] = mapping
    deploy({"dinner.dmn": fixture("dinner.dmn")}, decision, **attributes)
    instance = run(variables)
    assert instance.status == "completed", list(instance.incidents.values_list("error", flat=True))
    assert "desiredDish" not in instance.variables and "beverages" not in instance.variables
    return instance.variables["dinner"]


def test_single_entry_stores_the_one_output():
    assert stored("dish", "singleEntry") == "Lamb stew"


def test_single_entry_without_a_match_stores_null():
    assert stored("dish", "singleEntry", {"season": "Monsoon", "guestCount": 3}) is None


def test_single_result_stores_the_outputs_by_name():
    assert stored("dish", "singleResult") == {"desiredDish": "Lamb stew"}


def test_collect_entries_stores_the_list_of_outputs():
    assert stored("beverages", "collectEntries") == ["Red wine", "Apple juice", "Sparkling water"]


def test_result_list_is_the_default_and_lists_every_result():
    expected = [
        {"beverages": "Red wine"},
        {"beverages": "Apple juice"},
        {"beverages": "Sparkling water"},
    ]
    assert stored("beverages", "resultList") == expected
    assert stored("beverages", None) == expected


def test_the_mapped_value_replaces_what_the_variable_held():
    assert stored("beverages", "collectEntries", {**WINTER, "dinner": ["Milk", "Tea"]}) == [
        "Red wine",
        "Apple juice",
        "Sparkling water",
    ]


def test_a_single_entry_of_several_results_is_an_incident_in_three_languages():
    deploy(
        {"dinner.dmn": fixture("dinner.dmn")},
        "beverages",
        resultVariable="dinner",
        mapDecisionResult="singleEntry",
    )
    instance = run(WINTER)
    assert instance.status == "error"
    assert incident_of(instance).startswith(
        'The business rule task maps the result of the decision "Beverages" as singleEntry, '
        "which takes at most one result, but more than one rule matches."
    )
    translations = instance.incidents.get().error_translations
    assert "« Beverages » en singleEntry" in translations["fr"]
    assert "«Beverages» как singleEntry" in translations["ru"]
    assert "dinner" not in instance.variables


@pytest.mark.parametrize(
    ("attributes", "phrase"),
    [
        (
            {"mapDecisionResult": "firstEntry"},
            'camunda:mapDecisionResult "firstEntry" is not one Camunda defines',
        ),
        (
            {"decisionRefBinding": "version", "decisionRefVersion": "2"},
            'camunda:decisionRefBinding="version"',
        ),
    ],
)
def test_a_mapping_or_binding_hypercrm_does_not_run_is_refused_at_deploy(attributes, phrase):
    with pytest.raises(DeploymentInvalid) as refused:
        deploy(
            {"dinner.dmn": fixture("dinner.dmn")},
            "beverages",
            resultVariable="dinner",
            **attributes,
        )
    assert any(
        phrase in p.message and p.element_id == "Activity_decide" for p in refused.value.problems
    ), refused.value.problems
    assert nothing_stored()


def test_a_decision_ref_no_dmn_file_defines_is_refused_naming_it():
    with pytest.raises(DeploymentInvalid) as refused:
        deploy({"dinner.dmn": fixture("dinner.dmn")}, "dessert")
    [problem] = refused.value.problems
    assert (
        'It calls the decision "dessert", but no DMN file of the deployment defines it'
        in problem.message
    )
    assert "(decisions defined: dish, beverages)" in problem.message
    assert nothing_stored()
