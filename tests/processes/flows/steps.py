"""Steps of the process tests: people working their inboxes over HTTP, and the worker."""

from django.contrib.auth.models import User
from rest_framework.test import APIClient

from engine.models import ProcessInstance
from engine.services.sweep import messages_housekeeping
from tests.factories import run_due_work


class Desk:
    """One person at the HTTP API: their inbox, claiming and completing tasks."""

    def __init__(self, user: User):
        self.user = user
        self.client = APIClient()
        self.client.default_format = "json"
        self.client.force_authenticate(user)

    def get(self, url: str, **params):
        response = self.client.get(url, params)
        assert response.status_code == 200, (url, response.status_code, response.content[:500])
        return response

    def start(self, definition: str, **body) -> dict:
        response = self.client.post("/api/instances/", {"definition": definition, **body})
        assert response.status_code == 201, response.content
        return response.json()

    def inbox(self, **params) -> list[dict]:
        params.setdefault("scope", "candidate")
        return self.get("/api/tasks/", **params).json()["results"]

    def task(self, element_id: str, instance: int | None = None) -> dict:
        """The one open task at `element_id` (of `instance`) among my candidate tasks and
        those given to me (a task sent back to me is mine already)."""
        found = [
            row
            for row in self.inbox() + self.inbox(scope="mine", status="open")
            if row["element_id"] == element_id and instance in (None, row["instance"])
        ]
        assert len(found) == 1, (self.user.username, element_id, [r["element_id"] for r in found])
        return self.get(f"/api/tasks/{found[0]['id']}/").json()

    def refused(self, task_id: int, data: dict) -> dict:
        """Complete with bad data: 400 with field errors, and the task stays as it was."""
        before = self.get(f"/api/tasks/{task_id}/").json()
        response = self.client.post(f"/api/tasks/{task_id}/complete/", {"data": data})
        assert response.status_code == 400, response.content
        assert self.get(f"/api/tasks/{task_id}/").json()["status"] == before["status"]
        return response.json()["errors"]

    def claim(self, task_id: int) -> None:
        """Take the task (the page's "Claim and start"): its form becomes mine to fill in."""
        response = self.client.post(f"/api/tasks/{task_id}/claim/")
        assert response.status_code == 200, response.content

    def complete(self, task_id: int, data: dict) -> dict:
        self.claim(task_id)
        response = self.client.post(f"/api/tasks/{task_id}/complete/", {"data": data})
        assert response.status_code == 200, response.content
        return response.json()["instance"]

    def work(self, element_id: str, data: dict, instance: int | None = None, bad=None) -> dict:
        """Take the task from my inbox; first show it bad data when given, then complete it.

        `bad` is (data, fields that must have errors)."""
        task = self.task(element_id, instance)
        if bad is not None:
            bad_data, fields = bad
            errors = self.refused(task["id"], bad_data)
            assert set(fields) <= set(errors), errors
        return self.complete(task["id"], data)


def settle(rounds: int = 60) -> None:
    """Do what the workers and the sweep would: start processes for thrown start messages,
    run service tasks and deliver messages, until nothing moves any more."""
    for _ in range(rounds):
        moved = bool(messages_housekeeping()["started"])
        for instance in ProcessInstance.objects.filter(status=ProcessInstance.Status.RUNNING):
            revision = instance.revision
            instance = run_due_work(instance)
            moved = moved or instance.revision != revision
        if not moved:
            return
    raise AssertionError(f"The processes are still moving after {rounds} rounds.")


def instance_of(key: str, business_key: str | None = None) -> ProcessInstance:
    instances = ProcessInstance.objects.filter(definition__key=key)
    if business_key is not None:
        instances = instances.filter(business_key=business_key)
    [instance] = instances
    return instance


def order_until_payment(team, *, customer, product, quantity: int) -> int:
    """Drive an order of goods in stock to its payment task; the sales instance's id."""
    alice, bob = team.alice, team.bob
    sales_id = alice.start("sales")["id"]
    lines = [{"product": product.pk, "quantity": quantity}]
    alice.work("enter_order", {"customer": customer.pk, "lines": lines}, sales_id)
    settle()
    alice.work("customer_decision", {"accepted": True}, sales_id)
    settle()
    order_number = ProcessInstance.objects.get(pk=sales_id).variables["order"]["order_number"]
    shipment = instance_of("shipment", order_number).pk
    for element, data in (
        ("pick_goods", {"all_picked": True}),
        ("pack_goods", {"packages": [{"weight_kg": 10}]}),
        ("hand_over", {"carrier": "DHL"}),
    ):
        bob.work(element, data, shipment)
        settle()
    alice.work("confirm_delivery", {"delivered": True}, shipment)
    settle()
    return sales_id
