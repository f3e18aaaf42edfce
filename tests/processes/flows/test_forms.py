"""Every form of the four processes: named by its task, choice lists known, bad data refused
field by field."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

from forms.choices import expand_choices, registered_choices
from forms.validation import validate_form_data
from tests.processes.business import make_customer, make_product

BPMN_DIR = Path(settings.HYPERCRM["BPMN_DIR"])
FORMS_DIR = Path(settings.HYPERCRM["FORMS_DIR"])
SPIFF = "{http://spiffworkflow.org/bpmn/schema/1.0/core}"
BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"

# form -> (bad data, the fields that must be named in the errors)
BAD_DATA = {
    "sales-order": ({"customer": "Acme", "lines": []}, ["customer", "lines"]),
    "sales-decision": ({"accepted": "no"}, ["accepted"]),
    "sales-payment": ({"amount": -1, "method": "iou"}, ["amount", "method"]),
    "sales-reminder": ({"promised_on": "soon"}, ["channel", "note", "promised_on"]),
    "shipment-order": ({"order_id": "SO-00001"}, ["order_id"]),
    "shipment-pick": ({"all_picked": False}, ["all_picked"]),
    "shipment-pack": ({"packages": [{"weight_kg": -2}]}, ["packages.0.weight_kg"]),
    "shipment-ship": ({"carrier": "", "tracking_number": 5}, ["carrier", "tracking_number"]),
    "shipment-delivery": ({"delivered": "yes"}, ["delivered"]),
    "production-plan": ({"product": None, "quantity": 0}, ["product", "quantity"]),
    "production-output": ({"produced": -1, "scrap": "two"}, ["produced", "scrap"]),
    "production-quality": ({"passed": None}, ["passed"]),
    "procurement-request": (
        {"quantity": -5, "warehouse": "main"},
        ["product", "quantity", "warehouse"],
    ),
    "procurement-supplier": ({"supplier": 0}, ["supplier"]),
    "procurement-approval": ({"approved": False}, ["reason"]),
    "procurement-receipt": (
        {"all_arrived": False, "received_lines": [{"quantity": 0}]},
        ["received_lines.0.product", "received_lines.0.quantity"],
    ),
    "procurement-quality": ({"quality_ok": "fine"}, ["quality_ok"]),
}


def user_task_forms() -> dict[str, str]:
    """{user task id: its form file} over the four diagrams."""
    found = {}
    for path in sorted(BPMN_DIR.glob("*.bpmn")):
        root = etree.parse(str(path)).getroot()
        for task in root.iter(f"{BPMN}userTask"):
            names = {prop.get("name"): prop.get("value") for prop in task.iter(f"{SPIFF}property")}
            found[f"{path.stem}:{task.get('id')}"] = names.get("formJsonSchemaFilename")
    return found


def load(form: str) -> dict:
    return json.loads((FORMS_DIR / f"{form}-schema.json").read_text())


def test_every_user_task_has_a_form_and_every_form_a_task():
    forms = user_task_forms()
    assert all(forms.values()), [task for task, form in forms.items() if not form]
    used = {form.removesuffix("-schema.json") for form in forms.values()}
    assert used == set(BAD_DATA)
    on_disk = {p.name.removesuffix("-schema.json") for p in FORMS_DIR.glob("*-schema.json")}
    assert on_disk == used
    for ui in FORMS_DIR.glob("*-uischema.json"):
        assert ui.name.removesuffix("-uischema.json") in used
        json.loads(ui.read_text())


@pytest.mark.parametrize("form", sorted(BAD_DATA))
@pytest.mark.django_db
def test_bad_data_is_refused_field_by_field(form):
    schema = load(form)
    choices = set()
    for node in _walk(schema):
        if "x-choices" in node:
            choices.add(node["x-choices"])
    assert choices <= set(registered_choices())
    bad, fields = BAD_DATA[form]
    errors = validate_form_data(expand_choices(schema), bad)
    assert set(fields) <= set(errors), errors
    assert "__all__" not in errors
    assert validate_form_data(expand_choices(schema), {}).keys() >= set(schema.get("required", []))


def _walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_the_answer_to_a_completion_does_not_list_every_record(team, deployed):
    """An open task's form lists the customers to choose from; the completed task in the
    completion's answer keeps the reference — it can no longer be filled in."""
    customers = [make_customer(f"Customer {i}") for i in range(3)]
    chair = make_product("CHAIR-F", name="Chair")
    alice = team.alice
    started = alice.start("sales")
    task = alice.task("enter_order", started["id"])
    listed = task["form"]["schema"]["properties"]["customer"]["oneOf"]
    assert {choice["const"] for choice in listed} >= {c.pk for c in customers}

    alice.client.post(f"/api/tasks/{task['id']}/claim/")
    response = alice.client.post(
        f"/api/tasks/{task['id']}/complete/",
        {"data": {"customer": customers[1].pk, "lines": [{"product": chair.pk, "quantity": 1}]}},
    )
    assert response.status_code == 200, response.content
    done = response.json()["task"]
    assert done["status"] == "completed"
    customer_field = done["form"]["schema"]["properties"]["customer"]
    assert customer_field.get("x-choices") == "customer"
    assert "oneOf" not in customer_field
    assert done["completed_data"]["customer"] == customers[1].pk


def test_the_order_page_lists_the_customers_and_is_completed_with_one(team, deployed, client):
    """The web page shows the choice list; a submission is checked against the records,
    and a refused one is shown again with its list."""
    from engine.models import HumanTask

    customers = [make_customer(f"Web customer {i}") for i in range(3)]
    desk = make_product("DESK-W", name="Desk")
    task = team.alice.task("enter_order", team.alice.start("sales")["id"])
    team.alice.claim(task["id"])
    client.force_login(team.alice.user)
    assert "Web customer 1" in client.get(f"/tasks/{task['id']}/").content.decode()

    lines = {"f.lines.0.product": str(desk.pk), "f.lines.0.quantity": "2"}
    refused = client.post(f"/tasks/{task['id']}/", {"f.customer": "999999", **lines})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Must be one of the listed choices." in page
    assert "Web customer 2" in page
    assert HumanTask.objects.get(pk=task["id"]).status == "claimed"

    done = client.post(f"/tasks/{task['id']}/", {"f.customer": str(customers[2].pk), **lines})
    assert done.status_code == 302
    completed = HumanTask.objects.get(pk=task["id"])
    assert completed.status == "completed"
    assert completed.completed_data["customer"] == customers[2].pk
    assert completed.completed_data["lines"][0] == {"product": desk.pk, "quantity": 2}
