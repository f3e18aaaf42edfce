"""Camunda Modeler 5 diagrams with link events and a message-started event sub-process."""

import pytest
from rest_framework.test import APIClient

from engine.models import HumanTask
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from tests.factories import FIXTURES, make_user

pytestmark = pytest.mark.django_db


def _deploy(name):
    path = FIXTURES / "camunda" / name
    definition_deploy(file_name=path.name, content=path.read_bytes(), user=None, check_role=False)


def test_link_event_leads_on_and_a_message_starts_the_event_subprocess():
    _deploy("link_and_event_subprocess.bpmn")
    instance = instance_start(definition_key="link_order", business_key="SO-9")
    assert instance.variables["prepared"] is True
    review = HumanTask.objects.get(instance=instance)
    assert review.element_id == "Activity_review" and review.status == "open"
    erin = make_user("erin", "managers", password="erin-pass")
    client = APIClient()
    client.force_authenticate(erin)
    answer = client.post(
        "/api/messages/", {"name": "cancel_requested", "correlation_key": "SO-9"}, format="json"
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["correlated"] == [instance.pk]
    instance.refresh_from_db()
    assert instance.status == "completed"
    assert instance.variables["cancel_noted"] is True
    review.refresh_from_db()
    assert review.status == "cancelled"  # the interrupting sub-process ended the review


def test_a_link_throw_without_its_catch_is_refused_naming_the_link():
    from engine.parsing.errors import DeploymentInvalid

    path = FIXTURES / "camunda" / "link_and_event_subprocess.bpmn"
    broken = path.read_text().replace(
        'id="LinkEventDefinition_catch" name="review"',
        'id="LinkEventDefinition_catch" name="other"',
    )
    with pytest.raises(DeploymentInvalid) as refused:
        definition_deploy(
            file_name="broken.bpmn", content=broken.encode(), user=None, check_role=False
        )
    [problem] = refused.value.problems
    assert problem.element_id == "Event_to_review"
    assert 'throws the link "review"' in problem.message and "same level" in problem.message


def test_a_non_interrupting_event_subprocess_leaves_the_process_running():
    path = FIXTURES / "camunda" / "link_and_event_subprocess.bpmn"
    content = path.read_text().replace(
        '<bpmn:startEvent id="Event_cancel_requested" name="Cancel requested">',
        '<bpmn:startEvent id="Event_cancel_requested" name="Cancel requested" '
        'isInterrupting="false">',
    )
    definition_deploy(file_name=path.name, content=content.encode(), user=None, check_role=False)
    instance = instance_start(definition_key="link_order", business_key="SO-10")
    from engine.services.messages import message_send

    result = message_send(name="cancel_requested", correlation_key="SO-10", variables={"why": "x"})
    assert result.correlated == [instance.pk]
    instance.refresh_from_db()
    assert instance.status == "running"
    ran = instance.events.filter(type="script_run").values_list("element_id", flat=True)
    assert "Activity_note_cancel" in ran
    assert HumanTask.objects.get(instance=instance).status == "open"
