"""Where Camunda is lenient HyperCRM runs the diagram as Camunda would, and warns.

Diagrams: the MIWG corpus (C.5.0, a bank's onboarding by another tool, with flows
without conditions and data stores; C.1.0, Camunda's invoice example in the Activiti
namespace) and one as Camunda Modeler 5 writes it.
"""

from pathlib import Path

import pytest

from engine.models import HumanTask
from engine.services.definitions import definition_deploy, definition_validate
from engine.services.instances import instance_start
from engine.services.tasks import task_complete
from tests.factories import FIXTURES, make_user

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "miwg-reference"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus is outside the repo")
CONNECTED_CLIENTS = "_774bc005-0917-43d5-ab70-0f9fe123fbd1"


def _open(instance) -> list[str]:
    return sorted(
        HumanTask.objects.filter(instance=instance, status="open").values_list(
            "element_id", flat=True
        )
    )


@needs_corpus
def test_the_corpus_onboarding_runs_its_conditionless_flow_as_true_and_ignores_data_stores():
    content = (CORPUS / "C.5.0.bpmn").read_bytes()
    report = definition_validate(file_name="C.5.0.bpmn", content=content)
    assert report.valid, report.errors
    by_element = {w.element_id: w.message for w in report.warnings}
    # Neither flow of "Group of connected Clients existing?" has a condition: Camunda takes
    # the first written ("Yes"), the one after it never.
    yes = by_element["_e25b9c2d-690e-470b-8993-112002994fc2"]
    assert "without a condition and is not its default flow: it is taken as true" in yes
    no = by_element["_c329c58d-4a71-471f-acb9-b7f7113d8547"]
    assert "so it is never taken" in no
    store = by_element["_a73027a7-615e-4a4d-95ee-c4cd78ab30c4"]
    assert "Customer Data (temporary storage)" in store and "so it is ignored" in store

    definition_deploy(file_name="C.5.0.bpmn", content=content, user=None, check_role=False)
    instance = instance_start(definition_key=CONNECTED_CLIENTS)
    assert _open(instance) == ["_8b104885-149e-4af6-a459-d924dacd81b3"]
    task = HumanTask.objects.get(instance=instance, status="open")
    assert task.candidate_groups == []  # drawn without lanes: an administrator's work
    erin = make_user("erin", is_superuser=True)
    task_complete(task_id=task.pk, user=erin, data={})
    assert _open(instance) == ["_7507ae41-a1fa-405c-b4ea-85ed920eace5"]
    instance.refresh_from_db()
    assert instance.status == "running" and not instance.incidents.exists()


def test_a_task_with_two_outgoing_flows_starts_both_and_a_gateway_flow_without_condition_is_true():
    path = FIXTURES / "camunda" / "implicit_split.bpmn"
    report = definition_validate(file_name=path.name, content=path.read_bytes())
    assert report.valid, report.errors
    warnings = {w.element_id: w.message for w in report.warnings}
    assert "2 outgoing flows without conditions: they all start" in warnings["Activity_register"]
    assert (
        "it is taken as true, as Camunda takes it when no flow written before it is"
        in (warnings["Flow_plain"])
    )

    definition_deploy(file_name=path.name, content=path.read_bytes(), user=None, check_role=False)
    instance = instance_start(definition_key="onboard_customer", variables={"vip": True})
    assert _open(instance) == ["Activity_credit", "Activity_welcome"]
    erin = make_user("erin", "managers", "sales")
    welcome = HumanTask.objects.get(instance=instance, element_id="Activity_welcome")
    task_complete(task_id=welcome.pk, user=erin, data={})
    # VIP's condition is true and written first: the plain flow (not (vip)) is not taken.
    assert _open(instance) == ["Activity_credit", "Activity_vip_gift"]
    # camunda:properties are read like SpiffArena's properties.
    definition = instance.definition
    assert definition.elements["Activity_register"]["properties"] == {
        "note": "registered by the process"
    }


@needs_corpus
def test_the_activiti_namespace_is_read_as_camunda_and_what_it_cannot_run_is_named():
    report = definition_validate(
        file_name="C.1.0.bpmn", content=(CORPUS / "C.1.0.bpmn").read_bytes()
    )
    assert not report.valid
    messages = {e.element_id: e.message for e in report.errors}
    assert (
        'It runs Java (camunda:delegateExpression="#{archiveService}")'
        in messages["archiveInvoice"]
    )
    assert (
        'the form "app:approveInvoice.jsf" is an embedded HTML or a web application'
        in (messages["approveInvoice"])
    )
    assert "StartEvent_1" not in messages  # its start form is a warning, not a refusal
