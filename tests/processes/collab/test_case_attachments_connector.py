"""A diagram reads its case's files: a service task with `case.attachments`, then a script
that uses the list."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from engine.models import HumanTask, ProcessInstance
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from engine.services.tasks import task_complete
from processes.collab.attachments import attachment_add
from tests.factories import make_user, run_due_work

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
BPMN = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                  id="Definitions_files" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="quote_check" name="Quote check" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="attach" name="Attach the quote" camunda:candidateGroups="managers">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:serviceTask id="files" name="Read the files">
      <bpmn:extensionElements>
        <spiffworkflow:serviceTaskOperator id="case.attachments" resultVariable="files">
          <spiffworkflow:parameters />
        </spiffworkflow:serviceTaskOperator>
      </bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:scriptTask id="check" name="Check for a PDF">
      <bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing>
      <bpmn:script>first = files["attachments"][0] if files["count"] else {}
has_pdf = first.get("content_type") == "application/pdf"
first_file = files["attachments"][0]["name"] if files["count"] else ""</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:userTask id="review" name="Review the quote" camunda:candidateGroups="managers">
      <bpmn:incoming>f4</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="done"><bpmn:incoming>f5</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="attach" />
    <bpmn:sequenceFlow id="f2" sourceRef="attach" targetRef="files" />
    <bpmn:sequenceFlow id="f3" sourceRef="files" targetRef="check" />
    <bpmn:sequenceFlow id="f4" sourceRef="check" targetRef="review" />
    <bpmn:sequenceFlow id="f5" sourceRef="review" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>
"""


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _case(user, files):
    definition_deploy(file_name="quote_check.bpmn", content=BPMN, user=None, check_role=False)
    instance = instance_start(definition_key="quote_check", user=user)
    task = HumanTask.objects.get(instance=instance, element_id="attach")
    for name, content in files:
        attachment_add(
            user=user, target=f"task:{task.pk}", upload=SimpleUploadedFile(name, content)
        )
    task_complete(task_id=task.pk, user=user, data={})
    return run_due_work(ProcessInstance.objects.get(pk=instance.pk))


def test_a_script_reads_the_files_attached_to_the_case():
    erin = make_user("erin", "managers")
    instance = _case(erin, [("supplier quote.pdf", PDF), ("notes.txt", b"call back Friday")])
    variables = instance.variables
    assert variables["has_pdf"] is True and variables["first_file"] == "supplier quote.pdf"
    files = variables["files"]
    assert files["count"] == 2
    first = files["attachments"][0]
    assert first["content_type"] == "application/pdf" and first["size"] == len(PDF)
    assert first["uploaded_by"] == "erin" and first["download"].startswith("/attachments/")
    assert HumanTask.objects.filter(instance=instance, element_id="review").exists()


def test_a_case_without_files_reads_an_empty_list():
    instance = _case(make_user("erin", "managers"), [])
    assert instance.variables["files"] == {"attachments": [], "count": 0}
    assert instance.variables["has_pdf"] is False
