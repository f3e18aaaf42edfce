"""A decision deployed once serves later deployments: a business rule task calling a
decision that its upload does not hold takes the DMN file of the deployed version."""

import pytest

from engine.models import ProcessDefinition
from engine.parsing.errors import DeploymentInvalid
from engine.services.definitions import definition_deploy, definition_validate
from engine.services.instances import instance_start
from tests.engine.decisions.helpers import bpmn, deploy, fixture

pytestmark = pytest.mark.django_db


def party(decision: str = "beverages") -> bytes:
    """A second process, its own file only, calling a decision of another deployment."""
    return bpmn(decision).replace('id="decide" name="Decide"', 'id="party" name="Party"').encode()


def test_a_decision_of_an_earlier_deployment_is_called_with_those_it_requires():
    deploy({"dinner.dmn": fixture("dinner.dmn")}, "beverages")
    report = definition_validate(file_name="party.bpmn", content=party())
    assert report.valid, report.errors
    [note] = [w for w in report.warnings if w.element_id == "Activity_decide"]
    assert 'The decision "beverages" is taken from the deployed file decisions/' in note.message
    definition_deploy(file_name="party.bpmn", content=party(), user=None, check_role=False)
    instance = instance_start(
        definition_key="party",
        variables={"season": "Winter", "guestCount": 8, "guestsWithChildren": False},
    )
    assert instance.status == "completed"
    assert instance.variables["beverages"] == ["Red wine", "Sparkling water"]


def test_the_deployed_version_binds_the_decision_until_the_caller_is_deployed_again():
    deploy({"dinner.dmn": fixture("dinner.dmn")}, "beverages")
    definition_deploy(file_name="party.bpmn", content=party(), user=None, check_role=False)
    changed = fixture("dinner.dmn").replace('"Red wine"', '"Cider"')
    deploy({"dinner.dmn": changed}, "beverages")
    winter = {"season": "Winter", "guestCount": 8, "guestsWithChildren": False}
    assert instance_start(definition_key="party", variables=winter).variables["beverages"][0] == (
        "Red wine"
    )
    definition_deploy(file_name="party.bpmn", content=party(), user=None, check_role=False)
    assert ProcessDefinition.objects.filter(key="party").count() == 2
    assert instance_start(definition_key="party", variables=winter).variables["beverages"][0] == (
        "Cider"
    )


def test_a_decision_no_deployment_defines_is_still_refused():
    deploy({"dinner.dmn": fixture("dinner.dmn")}, "beverages")
    with pytest.raises(DeploymentInvalid) as refused:
        definition_deploy(
            file_name="party.bpmn", content=party("dessert"), user=None, check_role=False
        )
    [problem] = refused.value.problems
    assert 'It calls the decision "dessert", but no DMN file of the deployment defines it' in (
        problem.message
    )
    assert not ProcessDefinition.objects.filter(key="party").exists()
