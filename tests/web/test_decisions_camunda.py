"""The decision pages know Camunda's business rule tasks: a table called by
camunda:decisionRef is listed and editable beside its task, with the decisions it requires."""

from engine.models import ProcessDefinition
from tests.engine.decisions.helpers import deploy, fixture
from web.selectors.decisions import task_decisions


def test_a_camunda_decision_and_the_one_it_requires_are_listed(login, users, db):
    deploy({"dinner.dmn": fixture("dinner.dmn")}, "beverages")
    response = login(users["erin"]).get("/decisions/")
    assert response.status_code == 200
    listed = {d.id: [p.key for p in d.processes] for d in response.context["decisions"]}
    assert listed == {"beverages": ["decide"], "dish": ["decide"]}
    html = response.content.decode()
    assert "Beverages" in html and "Dish" in html


def test_the_modeler_offers_the_table_a_camunda_task_calls(db):
    deploy({"dinner.dmn": fixture("dinner.dmn")}, "beverages")
    definition = ProcessDefinition.objects.get(key="decide")
    assert task_decisions(definition) == {
        "Activity_decide": {"id": "beverages", "name": "Beverages"}
    }
