"""Shared steps for the API tests: uploads, starting orders, reading inboxes."""

from django.core.files.uploadedfile import SimpleUploadedFile

ORDER = "order_approval"

# An executable process whose script fails when `divisor` is 0: an incident at start.
FAILING_BPMN = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  id="Definitions_divide" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="divide" name="Divide" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:scriptTask id="divide_it" name="Divide it" scriptFormat="python">
      <bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:script>result = 10 / divisor</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:endEvent id="done" name="Divided"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="divide_it" />
    <bpmn:sequenceFlow id="f2" sourceRef="divide_it" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>
"""


def _simple_process(key: str, name: str) -> str:
    return f"""
  <bpmn:process id="{key}" name="{name}" isExecutable="true">
    <bpmn:startEvent id="{key}_start"><bpmn:outgoing>{key}_f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:endEvent id="{key}_end"><bpmn:incoming>{key}_f1</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="{key}_f1" sourceRef="{key}_start" targetRef="{key}_end" />
  </bpmn:process>"""


# Two executable processes in one file: the deployment answers {"deployed": [...]}.
TWO_PROCESSES_BPMN = f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  id="Definitions_two" targetNamespace="http://bpmn.io/schema/bpmn">
{_simple_process("first_process", "First")}
{_simple_process("second_process", "Second")}
</bpmn:definitions>
""".encode()

BROKEN_BPMN = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">
  <bpmn:process id="broken" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="nowhere" />
  </bpmn:process>
"""


def upload(client, content: bytes, name: str = "order.zip", url: str = "/api/definitions/"):
    return client.post(url, {"file": SimpleUploadedFile(name, content)}, format="multipart")


def start(client, definition: str = ORDER, **body):
    return client.post("/api/instances/", {"definition": definition, **body}, format="json")


def inbox(client, scope: str, **params) -> list[int]:
    response = client.get("/api/tasks/", {"scope": scope, **params})
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def complete(client, task_id: int, data: dict):
    return client.post(f"/api/tasks/{task_id}/complete/", {"data": data}, format="json")


def history(client, instance_id: int) -> list[dict]:
    response = client.get(f"/api/instances/{instance_id}/history/")
    assert response.status_code == 200, response.content
    return response.json()


SMALL_ORDER = {"customer": "ACME", "quantity": 2, "price": 100}
BIG_ORDER = {"customer": "ACME", "quantity": 3, "price": 500}
