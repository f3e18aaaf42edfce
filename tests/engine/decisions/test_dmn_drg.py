"""Decision requirement graphs: the dinner decisions (a dish decision required by a COLLECT
beverages decision), run by a deployed Camunda Modeler 5 process; a required decision that
is missing, or decisions requiring each other, are refused at deploy with nothing stored."""

import re

import pytest

from engine.parsing.errors import DeploymentInvalid
from tests.engine.decisions.helpers import deploy, fixture, nothing_stored, run

pytestmark = pytest.mark.django_db


def test_the_required_dish_is_decided_first_and_the_beverages_collected():
    deploy({"dinner.dmn": fixture("dinner.dmn")}, "beverages")
    winter = run({"season": "Winter", "guestCount": 8, "guestsWithChildren": True})
    assert winter.status == "completed"
    assert winter.variables["beverages"] == ["Red wine", "Apple juice", "Sparkling water"]
    assert "desiredDish" not in winter.variables  # a required decision's output is not stored
    summer = run({"season": "Summer", "guestCount": 4, "guestsWithChildren": False})
    assert summer.variables["beverages"] == ["White wine", "Sparkling water"]


def test_a_required_decisions_output_wins_over_a_process_variable_of_its_name():
    deploy({"dinner.dmn": fixture("dinner.dmn")}, "beverages")
    instance = run(
        {"season": "Winter", "guestCount": 3, "guestsWithChildren": False, "desiredDish": "Fish"}
    )
    assert instance.variables["beverages"] == ["Red wine", "Sparkling water"]
    assert instance.variables["desiredDish"] == "Fish"  # the process data is left as it was


def test_the_second_decision_of_a_file_can_be_called_too():
    deploy({"dinner.dmn": fixture("dinner.dmn")}, "dish")
    instance = run({"season": "Autumn", "guestCount": 12})
    assert instance.variables["desiredDish"] == "Mushroom risotto"


def test_a_required_decision_may_live_in_another_file_of_the_deployment():
    text = fixture("dinner.dmn")
    dish = re.search(r'  <decision id="dish".*?</decision>\n', text, re.S).group(0)
    header = text[: text.index("  <decision ")]
    dish_file = header.replace("Definitions_dinner", "Definitions_dish") + dish + "</definitions>\n"
    beverages_file = re.sub(
        r"  <dmndi:DMNDI>.*</dmndi:DMNDI>\n", "", text.replace(dish, ""), flags=re.S
    )
    deploy({"dish.dmn": dish_file, "beverages.dmn": beverages_file}, "beverages")
    instance = run({"season": "Spring", "guestCount": 2, "guestsWithChildren": True})
    assert instance.variables["beverages"] == ["White wine", "Apple juice", "Sparkling water"]


def test_a_missing_required_decision_is_refused_at_deploy():
    text = fixture("dinner.dmn").replace(
        '<requiredDecision href="#dish" />', '<requiredDecision href="#starter" />'
    )
    with pytest.raises(DeploymentInvalid) as refused:
        deploy({"dinner.dmn": text}, "beverages")
    [problem] = refused.value.problems
    assert problem.file == "dinner.dmn" and problem.element_id == "beverages"
    assert (
        'requires the decision "starter", which no DMN file of the deployment defines'
        in problem.message
    )
    assert "decisions defined: beverages, dish" in problem.message
    assert nothing_stored()


def test_decisions_that_require_each_other_are_refused_at_deploy():
    text = fixture("dinner.dmn").replace(
        '  <decision id="dish" name="Dish">\n',
        '  <decision id="dish" name="Dish">\n'
        '    <informationRequirement id="InformationRequirement_back">\n'
        '      <requiredDecision href="#beverages" />\n'
        "    </informationRequirement>\n",
    )
    with pytest.raises(DeploymentInvalid) as refused:
        deploy({"dinner.dmn": text}, "beverages")
    [problem] = refused.value.problems
    assert "lead back to it (dish → beverages → dish)" in problem.message
    assert nothing_stored()


def test_the_dmn_1_1_dialect_of_older_camunda_modelers_runs_the_same():
    """No DMNDI, biodi bounds, tables without ids, CDATA texts, empty cells for any value,
    input data and a knowledge source in the graph (tests/fixtures/dmn/dinner_dmn11.dmn)."""
    deploy({"dinner.dmn": fixture("dinner_dmn11.dmn")}, "beverages")
    winter = run({"season": "Winter", "guestCount": 8, "guestsWithChildren": True})
    assert winter.variables["beverages"] == ["Red wine", "Apple juice", "Sparkling water"]
    autumn = run({"season": "Autumn", "guestCount": 2, "guestsWithChildren": False})
    assert autumn.variables["beverages"] == ["White wine", "Sparkling water"]


def test_collected_outputs_replace_what_their_variable_held():
    deploy({"dinner.dmn": fixture("dinner.dmn")}, "beverages")
    instance = run(
        {
            "season": "Summer",
            "guestCount": 4,
            "guestsWithChildren": False,
            "beverages": ["Milk", "Red wine"],
        }
    )
    assert instance.variables["beverages"] == ["White wine", "Sparkling water"]


def test_two_files_defining_one_decision_id_are_refused_at_deploy():
    other = fixture("hit_policies.dmn").replace('<decision id="risk"', '<decision id="dish"')
    with pytest.raises(DeploymentInvalid) as refused:
        deploy({"dinner.dmn": fixture("dinner.dmn"), "other.dmn": other}, "beverages")
    [problem] = refused.value.problems
    assert problem.file == "other.dmn" and problem.element_id == "dish"
    assert "its id is the id of a decision of dinner.dmn at line 3" in problem.message
    assert nothing_stored()
