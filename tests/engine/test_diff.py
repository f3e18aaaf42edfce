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


def _lane_refs(xml: str, lane: str) -> str:
    start = xml.index(f'<bpmn:lane id="{lane}"')
    return xml[start : xml.index("</bpmn:lane>", start)]


def test_a_lane_is_changed_only_by_elements_moving_between_lanes():
    # A new task in the Sales lane, listed first: the lane's other members shift, and the
    # new task joins it with its own addition — the lane is not changed.
    added = SALES.replace(
        "<bpmn:flowNodeRef>order_received</bpmn:flowNodeRef>",
        "<bpmn:flowNodeRef>check_credit</bpmn:flowNodeRef>"
        "<bpmn:flowNodeRef>order_received</bpmn:flowNodeRef>",
    ).replace(
        "</bpmn:process>", '<bpmn:userTask id="check_credit" name="Check credit" /></bpmn:process>'
    )
    diff = diagram_diff(SALES, added)
    assert [item.id for item in diff.added] == ["check_credit"]
    assert diff.changed == []

    # "Reserve stock" moves from the Warehouse lane to Sales: both lanes say so, by name.
    ref = "<bpmn:flowNodeRef>reserve_stock</bpmn:flowNodeRef>"
    assert ref in _lane_refs(SALES, "Lane_warehouse")
    moved = SALES.replace(ref, "").replace(
        "<bpmn:flowNodeRef>order_received</bpmn:flowNodeRef>",
        "<bpmn:flowNodeRef>order_received</bpmn:flowNodeRef>" + ref,
    )
    found = {
        item.id: [(c.name, c.before, c.after) for c in item.changes]
        for item in diagram_diff(SALES, moved).changed
    }
    assert found == {
        "Lane_sales": [("bpmn:flowNodeRef", None, "Reserve stock")],
        "Lane_warehouse": [("bpmn:flowNodeRef", "Reserve stock", None)],
    }


def test_a_named_flow_is_shown_with_its_ends():
    flow = '<bpmn:sequenceFlow id="f4" sourceRef="approve_order" targetRef="approved" />'
    named = ORDER.replace(flow, flow.replace('id="f4"', 'id="f4" name="yes"'))
    [item] = diagram_diff(ORDER, named).changed
    assert item.name == "yes (Approve order → Order approved)"
