"""A test run of an undeployed diagram: the path it takes with sample data, what each step
produced, where it waits or fails — and not one row written anywhere."""

from pathlib import Path

import pytest
from django.apps import apps

from engine.parsing.errors import DeploymentInvalid
from engine.runtime import script_engine
from engine.services.trial import definition_try
from tests.factories import order_bundle
from tests.processes.factories import make_customer, make_product

SALES = Path(__file__).resolve().parents[2] / "processes" / "bpmn" / "sales.bpmn"


def ids(result):
    return [step["element_id"] for step in result.as_dict()["path"]]


def order(answers, services=None):
    return definition_try(
        file_name="order.zip",
        content=order_bundle(),
        sample={"tasks": answers, "services": services or {}},
    )


def test_a_big_order_takes_the_approval_path_with_the_scripts_result(db):
    result = order(
        {
            "enter_order": {"customer": "ACME", "quantity": 3, "price": 500},
            "approve_order": {"approved": True},
        }
    )
    assert result.status == "completed"
    assert ids(result) == [
        "start",
        "enter_order",
        "compute_total",
        "big_order",
        "approve_order",
        "approved",
    ]
    compute = next(s for s in result.path if s.element_id == "compute_total")
    assert compute.produced == {"total": 1500}
    assert result.variables["total"] == 1500


def test_a_small_order_skips_the_approval(db):
    result = order({"enter_order": {"customer": "ACME", "quantity": 1, "price": 10}})
    assert result.status == "completed"
    assert ids(result)[-2:] == ["big_order", "accepted"]
    assert "approve_order" not in ids(result)


def test_a_task_without_a_sample_answer_is_where_it_waits(db):
    result = order({"enter_order": {"customer": "ACME", "quantity": 3, "price": 500}})
    assert result.status == "waiting"
    assert [step.element_id for step in result.waiting] == ["approve_order"]
    assert result.waiting[0].name == "Approve order"


def test_a_sample_answer_its_form_refuses_stops_the_run_naming_the_field(db):
    result = order({"enter_order": {"customer": "ACME", "quantity": 0, "price": 5}})
    assert result.status == "failed"
    assert result.error["element_id"] == "enter_order"
    assert list(result.error["fields"]) == ["quantity"]
    assert "enter_order" not in ids(result)


def test_a_failing_step_is_named_with_its_reason(db):
    # No sample result for "Create the order": the next step reads order['order_id'].
    result = definition_try(
        file_name="sales.bpmn",
        content=SALES.read_bytes(),
        sample={"tasks": {"enter_order": sales_order()}},
    )
    assert result.status == "failed"
    assert result.error["element_id"] == "send_quotation"
    assert "order_id" in result.error["message"]


def test_service_tasks_answer_their_sample_result_and_no_connector_runs(db, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a test run called a connector")

    monkeypatch.setattr(script_engine, "call_connector", refuse)
    result = definition_try(
        file_name="sales.bpmn",
        content=SALES.read_bytes(),
        sample={
            "tasks": {"enter_order": sales_order()},
            "services": {
                "create_order": {"order_id": 7},
                "send_quotation": {"pdf_url": "/q/7.pdf"},
            },
        },
    )
    assert result.status == "waiting", result.error
    assert ids(result)[:4] == ["order_received", "enter_order", "create_order", "send_quotation"]
    created = next(s for s in result.path if s.element_id == "create_order")
    assert created.produced == {"order": {"order_id": 7}}
    assert result.variables["quotation_pdf"] == "/q/7.pdf"
    assert [step.element_id for step in result.waiting] == ["customer_decision"]


def sales_order():
    """A sample answer the order form accepts: a real customer and product to choose."""
    customer, product = make_customer(), make_product()
    return {"customer": customer.pk, "lines": [{"product": product.pk, "quantity": 2}]}


def _row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_a_test_run_writes_nothing(db):
    answer = sales_order()
    before = _row_counts()
    order(
        {
            "enter_order": {"customer": "ACME", "quantity": 3, "price": 500},
            "approve_order": {"approved": True},
        }
    )
    definition_try(
        file_name="sales.bpmn",
        content=SALES.read_bytes(),
        sample={"tasks": {"enter_order": answer}, "services": {"create_order": {"order_id": 1}}},
    )
    assert _row_counts() == before


def test_a_diagram_that_would_not_deploy_is_refused_with_its_problems(db):
    with pytest.raises(DeploymentInvalid) as refused:
        definition_try(file_name="broken.bpmn", content=b"<not-bpmn/>", sample={})
    assert refused.value.problems
