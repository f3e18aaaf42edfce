"""After completing a task the page opens the case's next task when it is mine or my
group's — also when a worker's step runs in between (it waits briefly for it) — else it
goes back to the inbox saying where the case moved on to."""

import threading
import time

import pytest
from django.db import connection
from django.test import Client

from engine.models import HumanTask, ProcessInstance
from engine.services.case_start import case_start_for
from tests.factories import run_due_work
from tests.processes.factories import make_customer, make_product, make_warehouse, stock


def order_entry(alice):
    customer = make_customer("Acme Ltd")
    desk = make_product("DESK", name="Oak desk")
    stock(desk, make_warehouse("WH1"), 5)
    instance, task = case_start_for(user=alice, definition_key="sales")
    form = {
        "f.customer": str(customer.pk),
        "f.lines.0.product": str(desk.pk),
        "f.lines.0.quantity": "2",
        "complete": "1",
    }
    return instance, task, form


# A loaded machine may take seconds to save the completion and run the worker's step: the
# page is given long enough here, and goes on as soon as the next task is there.
PATIENT_SECONDS = 30.0


def waiting(settings, seconds: float) -> None:
    settings.HYPERCRM = {**settings.HYPERCRM, "NEXT_TASK_WAIT_SECONDS": seconds}


@pytest.mark.django_db(transaction=True)
def test_the_next_task_opens_when_the_worker_is_quick(team, deployed, settings):
    waiting(settings, PATIENT_SECONDS)
    alice = team.alice.user
    instance, task, form = order_entry(alice)

    def worker():  # what the embedded worker does as soon as the completion is saved
        try:
            deadline = time.monotonic() + PATIENT_SECONDS
            while time.monotonic() < deadline:
                if HumanTask.objects.filter(pk=task.pk, status="completed").exists():
                    run_due_work(ProcessInstance.objects.get(pk=instance.pk))
                    return
                time.sleep(0.05)
        finally:
            connection.close()

    client = Client()
    client.force_login(alice)
    thread = threading.Thread(target=worker)
    thread.start()
    response = client.post(f"/tasks/{task.pk}/", form)
    thread.join()
    decision = HumanTask.objects.get(instance=instance, element_id="customer_decision")
    assert response.status_code == 302
    assert response["Location"] == f"/tasks/{decision.pk}/"


@pytest.mark.django_db
def test_without_a_worker_the_inbox_says_where_the_case_went(team, deployed, settings):
    waiting(settings, 0.5)
    alice = team.alice.user
    instance, task, form = order_entry(alice)
    client = Client()
    client.force_login(alice)
    started = time.monotonic()
    response = client.post(f"/tasks/{task.pk}/", form, follow=True)
    assert time.monotonic() - started < PATIENT_SECONDS  # it gave up waiting
    assert response.redirect_chain[-1][0] == "/inbox/"
    assert "the case moved on to “Create the order”" in response.content.decode()
