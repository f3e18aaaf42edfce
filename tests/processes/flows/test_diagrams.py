"""The four diagrams: valid for the engine, deployed at start, and drawn completely
(every lane, flow node and sequence flow has its place) so that modelers open them."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from lxml import etree

from engine.parsing.elements import FLOW_NODES

BPMN_DIR = Path(settings.HYPERCRM["BPMN_DIR"])
KEYS = ["procurement", "production", "sales", "shipment"]
DEMO_GROUPS = {"sales", "warehouse", "production", "procurement", "managers"}
NS = {
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
    "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
    "dc": "http://www.omg.org/spec/DD/20100524/DC",
    "di": "http://www.omg.org/spec/DD/20100524/DI",
}


def bundle() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(BPMN_DIR.iterdir()):
            archive.writestr(path.name, path.read_bytes())
    return buffer.getvalue()


def validate(desk, name: str, content: bytes) -> dict:
    response = desk.client.post(
        "/api/definitions/validate/",
        {"file": SimpleUploadedFile(name, content)},
        format="multipart",
    )
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.django_db
def test_the_bundle_and_each_diagram_validate(team):
    report = validate(team.olga, "processes.zip", bundle())
    assert (report["valid"], report["errors"], report["warnings"]) == (True, [], [])
    for key in ["sales", "production", "shipment"]:
        path = BPMN_DIR / f"{key}.bpmn"
        report = validate(team.olga, path.name, path.read_bytes())
        assert (report["valid"], report["errors"]) == (True, []), key


@pytest.mark.django_db
def test_the_four_processes_are_deployed_at_start(team, deployed):
    listed = team.olga.get("/api/definitions/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert sorted(row["key"] for row in rows) == KEYS
    xml = team.olga.client.get("/api/definitions/sales/xml/")
    assert xml.status_code == 200
    assert b"bpmndi:BPMNDiagram" in xml.content


def _bounds(shape) -> tuple[float, float, float, float]:
    box = shape.find("dc:Bounds", NS)
    return tuple(float(box.get(k)) for k in ("x", "y", "width", "height"))


def _touches(point, bounds, slack=2.0) -> bool:
    """Is the waypoint on (or in) the shape, so that the edge is attached to it?"""
    x, y = point
    bx, by, bw, bh = bounds
    return bx - slack <= x <= bx + bw + slack and by - slack <= y <= by + bh + slack


@pytest.mark.parametrize("key", KEYS)
def test_every_element_is_drawn_in_its_lane(key):
    root = etree.parse(str(BPMN_DIR / f"{key}.bpmn")).getroot()
    process = root.find(f"bpmn:process[@id='{key}']", NS)
    shapes = {s.get("bpmnElement"): s for s in root.iterfind(".//bpmndi:BPMNShape", NS)}
    edges = {e.get("bpmnElement"): e for e in root.iterfind(".//bpmndi:BPMNEdge", NS)}
    participant = root.find("bpmn:collaboration/bpmn:participant", NS)
    assert participant.get("processRef") == key
    assert participant.get("id") in shapes

    lanes = process.findall("bpmn:laneSet/bpmn:lane", NS)
    assert {lane.get("name").lower() for lane in lanes} <= DEMO_GROUPS
    lane_of = {}
    for lane in lanes:
        assert lane.get("id") in shapes
        for ref in lane.findall("bpmn:flowNodeRef", NS):
            assert ref.text not in lane_of, f"{ref.text} is in two lanes"
            lane_of[ref.text] = lane.get("id")

    nodes = [
        n for n in process if isinstance(n.tag, str) and etree.QName(n).localname in FLOW_NODES
    ]
    assert nodes
    for node in nodes:
        node_id = node.get("id")
        assert node_id in shapes, f"{node_id} has no shape"
        assert node_id in lane_of, f"{node_id} is in no lane"
        x, y, w, h = _bounds(shapes[node_id])
        lx, ly, lw, lh = _bounds(shapes[lane_of[node_id]])
        assert lx <= x + w / 2 <= lx + lw and ly <= y + h / 2 <= ly + lh, f"{node_id} off its lane"

    by_id = {n.get("id"): n for n in nodes}
    flows = process.findall("bpmn:sequenceFlow", NS)
    assert flows
    for flow in flows:
        points = [
            (float(p.get("x")), float(p.get("y")))
            for p in edges[flow.get("id")].findall("di:waypoint", NS)
        ]
        assert len(points) >= 2
        source, target = flow.get("sourceRef"), flow.get("targetRef")
        assert source in by_id and target in by_id
        assert _touches(points[0], _bounds(shapes[source])), flow.get("id")
        assert _touches(points[-1], _bounds(shapes[target])), flow.get("id")
