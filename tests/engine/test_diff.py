"""The diff of two diagrams: elements added, removed and changed, matched by id."""

from pathlib import Path

from engine.parsing.diff import diagram_diff
from tests.factories import fixture_bytes

ROOT = Path(__file__).resolve().parents[2]

ORDER = fixture_bytes("order_approval.bpmn").decode()
SALES = (ROOT / "processes" / "bpmn" / "sales.bpmn").read_text()


def test_identical_diagrams_have_no_changes():
    assert diagram_diff(ORDER, ORDER).empty


def test_a_changed_script_and_name_are_listed_with_before_and_after():
    changed = ORDER.replace("total = quantity * price", "total = quantity * price * 2").replace(
        'name="Approve order"', 'name="Manager approval"'
    )
    diff = diagram_diff(ORDER, changed)
    assert diff.added == [] and diff.removed == []
    found = {item.id: [(c.name, c.before, c.after) for c in item.changes] for item in diff.changed}
    assert found == {
        "compute_total": [
            ("bpmn:script", "total = quantity * price", "total = quantity * price * 2")
        ],
        "approve_order": [("name", "Approve order", "Manager approval")],
    }
    assert {item.id: item.name for item in diff.changed}["approve_order"] == "Manager approval"


def test_an_added_task_and_its_flows_are_added_the_replaced_flow_removed():
    flow = '<bpmn:sequenceFlow id="f4" sourceRef="approve_order" targetRef="approved" />'
    assert flow in ORDER
    changed = ORDER.replace(
        flow,
        '<bpmn:userTask id="tell_customer" name="Tell the customer" />'
        '<bpmn:sequenceFlow id="f4a" sourceRef="approve_order" targetRef="tell_customer" />'
        '<bpmn:sequenceFlow id="f4b" sourceRef="tell_customer" targetRef="approved" />',
    )
    diff = diagram_diff(ORDER, changed)
    assert {(item.id, item.type, item.name) for item in diff.added} == {
        ("tell_customer", "userTask", "Tell the customer"),
        ("f4a", "sequenceFlow", "Approve order → Tell the customer"),
        ("f4b", "sequenceFlow", "Tell the customer → Order approved"),
    }
    assert [(item.id, item.name) for item in diff.removed] == [
        ("f4", "Approve order → Order approved")
    ]
    assert diff.marks()["removed"] == ["f4"]


def test_moving_a_shape_is_not_a_change():
    moved = SALES.replace('<dc:Bounds x="', '<dc:Bounds x="1', 1)
    assert moved != SALES
    assert diagram_diff(SALES, moved).empty
