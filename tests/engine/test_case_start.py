"""Who may start a process by hand (from its diagram), and starting a case for a person."""

from io import StringIO

import pytest
from django.core.management import call_command

from engine.exceptions import Forbidden
from engine.models import HumanTask, ProcessInstance
from engine.selectors import startable_definitions
from engine.services.case_start import case_start_for
from engine.services.definitions import definition_deploy
from engine.services.permissions import may_start
from engine.services.starters import process_starters
from processes.access import may_start_process
from tests.factories import make_user

pytestmark = pytest.mark.django_db

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" '
    'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" '
    'id="d" targetNamespace="http://example.com/t">'
)


def _diagram(key: str, process_attrs: str = "", body: str = "", before: str = "") -> bytes:
    return (
        f'{HEAD}{before}<bpmn:process id="{key}" name="{key.title()}" isExecutable="true" '
        f"{process_attrs}>{body}</bpmn:process></bpmn:definitions>"
    ).encode()


def _flow(task: str = '<bpmn:userTask id="first" name="First"/>') -> str:
    return (
        '<bpmn:startEvent id="start"/>'
        '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="first"/>'
        f"{task}"
        '<bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="end"/>'
        '<bpmn:endEvent id="end"/>'
    )


def _deploy(key: str, process_attrs: str = "", body: str = "", before: str = ""):
    content = _diagram(key, process_attrs, body, before)
    result = definition_deploy(
        file_name=f"{key}.bpmn", content=content, user=None, check_role=False
    )
    return result.definitions[0]


def test_camunda_candidate_starter_groups_and_users_name_who_starts():
    definition = _deploy(
        "refund",
        'camunda:candidateStarterGroups="Sales, managers" camunda:candidateStarterUsers="olga"',
        _flow('<bpmn:userTask id="first" name="First" camunda:candidateGroups="warehouse"/>'),
    )
    starters = process_starters(definition)
    assert starters.groups == {"sales", "managers"}
    assert starters.users == {"olga"}
    assert may_start(make_user("alice", "sales"), definition)
    assert may_start(make_user("olga"), definition)
    assert not may_start(make_user("bob", "warehouse"), definition)


def test_spiffarena_style_properties_name_who_starts():
    props = (
        "<bpmn:extensionElements><spiffworkflow:properties>"
        '<spiffworkflow:property name="candidateStarterGroups" value="procurement"/>'
        "</spiffworkflow:properties></bpmn:extensionElements>"
    )
    definition = _deploy("purchase_request", body=props + _flow())
    assert may_start(make_user("dave", "procurement"), definition)
    assert not may_start(make_user("alice", "sales"), definition)


def test_without_starters_the_first_tasks_lane_starts_it():
    lanes = (
        '<bpmn:laneSet id="ls"><bpmn:lane id="l1" name="Warehouse">'
        "<bpmn:flowNodeRef>start</bpmn:flowNodeRef><bpmn:flowNodeRef>first</bpmn:flowNodeRef>"
        "</bpmn:lane></bpmn:laneSet>"
    )
    definition = _deploy("count_stock", body=lanes + _flow())
    assert process_starters(definition).groups == {"warehouse"}
    assert may_start(make_user("bob", "warehouse"), definition)
    assert not may_start(make_user("alice", "sales"), definition)


def test_a_process_started_only_by_message_is_not_startable():
    body = (
        '<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="m"/>'
        "</bpmn:startEvent>"
        '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/>'
        '<bpmn:endEvent id="end"/>'
    )
    definition = _deploy("on_paid", body=body, before='<bpmn:message id="m" name="order_paid"/>')
    admin = make_user("root", is_superuser=True)
    assert process_starters(definition) is None
    assert not may_start(admin, definition)


def test_case_start_for_returns_the_first_task_claimed_by_the_starter():
    _deploy(
        "refund",
        'camunda:candidateStarterGroups="sales"',
        _flow('<bpmn:userTask id="first" name="First" camunda:candidateGroups="sales"/>'),
    )
    alice = make_user("alice", "sales")
    instance, task = case_start_for(user=alice, definition_key="refund")
    assert instance.started_by == alice
    assert task.name == "First"
    assert task.assignee == alice
    assert task.status == HumanTask.Status.CLAIMED


def test_case_start_for_a_person_who_may_not_start_changes_nothing():
    _deploy("refund", 'camunda:candidateStarterGroups="sales"', _flow())
    bob = make_user("bob", "warehouse")
    with pytest.raises(Forbidden, match="may not start"):
        case_start_for(user=bob, definition_key="refund")
    assert not ProcessInstance.objects.exists()


def test_case_start_for_when_the_first_task_is_another_groups():
    _deploy(
        "refund",
        'camunda:candidateStarterGroups="sales"',
        _flow('<bpmn:userTask id="first" name="First" camunda:candidateGroups="managers"/>'),
    )
    instance, task = case_start_for(user=make_user("alice", "sales"), definition_key="refund")
    assert task is None
    assert HumanTask.objects.get(instance=instance).assignee is None


def test_shipped_processes_are_started_by_their_first_lane():
    call_command("deploy_processes", stdout=StringIO())
    alice = make_user("alice", "sales")
    keys = {definition.key for definition in startable_definitions(alice)}
    assert "sales" in keys
    sales = next(d for d in startable_definitions(alice) if d.key == "sales")
    assert may_start_process(alice, sales)
    assert not may_start_process(make_user("bob", "warehouse"), sales)
