"""The dashboard and the business figures registry."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from engine.models import HumanTask
from engine.services.tasks import task_complete
from web.kpis import business_figures, register_figures, registered_providers, unregister_figures


@pytest.fixture
def figures_registry():
    """An empty registry for the test; the business apps' providers come back afterwards."""
    before = registered_providers()
    for provider in before:
        unregister_figures(provider)
    yield
    for provider in registered_providers():
        unregister_figures(provider)
    for provider in before:
        register_figures(provider)


def test_no_figures_until_a_provider_registers(figures_registry):
    assert business_figures(date(2030, 1, 1)) == {}


def test_providers_add_their_figures_and_a_broken_one_is_left_out(figures_registry):
    @register_figures
    def sales(day):
        return {"sales_today": 1200, "orders_today": 3, "day": day.isoformat()}

    def broken(day):
        raise RuntimeError("database is gone")

    register_figures(broken)
    register_figures(sales)  # twice is once
    assert registered_providers().count(sales) == 1
    assert business_figures(date(2030, 1, 2)) == {
        "sales_today": 1200,
        "orders_today": 3,
        "day": "2030-01-02",
    }
    with pytest.raises(TypeError):
        register_figures("not callable")


def test_dashboard_shows_task_and_instance_charts(
    login, users, order, order_task, figures_registry
):
    HumanTask.objects.filter(pk=order_task.pk).update(due_at=timezone.now() - timedelta(days=1))
    response = login(users["erin"]).get("/dashboard/")
    assert response.status_code == 200
    assert response.context["groups"] == [{"group": "sales", "open": 1, "overdue": 1}]
    chart = response.context["tasks_chart"]
    assert chart["labels"] == ["sales"]
    assert [d["data"] for d in chart["datasets"]] == [[1], [1]]
    per_day = response.context["per_day"]
    assert len(per_day["days"]) == 7
    assert per_day["started"][-1] == 1
    html = response.content.decode()
    assert 'id="tasks-chart"' in html and 'id="instances-chart"' in html
    assert "No business figures yet" in html


def test_dashboard_period_and_completions(login, users, order, order_task):
    task_complete(
        task_id=order_task.pk,
        user=users["alice"],
        data={"customer": "X", "quantity": 1, "price": 1},
    )
    response = login(users["erin"]).get("/dashboard/?period=30")
    per_day = response.context["per_day"]
    assert len(per_day["days"]) == 30
    assert per_day["completed"][-1] == 1
    assert "No open tasks" in response.content.decode()
    assert len(login(users["erin"]).get("/dashboard/?period=x").context["per_day"]["days"]) == 7


def test_dashboard_shows_registered_business_figures(login, users, figures_registry, db):
    register_figures(
        lambda day: {
            "sales_today": "1,200.00",
            "stock": [{"sku": "A-1", "on_hand": 5, "available": 3}],
            "open_tasks_by_group": {"sales": 2},
        }
    )
    html = login(users["erin"]).get("/dashboard/").content.decode()
    assert "No business figures yet" not in html
    assert 'data-figure="sales_today"' in html and "1,200.00" in html
    assert "A-1" in html and "On hand" in html
    assert "Open tasks by group" in html
