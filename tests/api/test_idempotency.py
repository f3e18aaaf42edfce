"""Idempotency-Key: a client that retries after a lost answer does not create twice."""

from decimal import Decimal

import pytest

from api.models import IdempotentRequest
from engine.models import ProcessInstance
from processes.sales import services as sales
from processes.sales.models import Payment
from tests.api.helpers import ORDER
from tests.processes.business import make_order
from tests.processes.factories import make_product

pytestmark = pytest.mark.django_db


def post(client, url: str, body: dict, key: str | None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post(url, body, format="json", **headers)


def test_the_same_key_twice_starts_one_instance_and_answers_the_same(api, people, order_definition):
    bob = api(people.bob)
    body = {"definition": ORDER, "business_key": "SO-1"}
    first = post(bob, "/api/instances/", body, "retry-1")
    again = post(bob, "/api/instances/", body, "retry-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert ProcessInstance.objects.count() == 1
    # Without a key, or with a new one, it is a new request.
    assert post(bob, "/api/instances/", body, "retry-2").json()["id"] != first.json()["id"]
    assert post(bob, "/api/instances/", body, None).status_code == 201
    assert ProcessInstance.objects.count() == 3


def test_a_key_is_each_persons_own(api, people, order_definition):
    body = {"definition": ORDER}
    mine = post(api(people.bob), "/api/instances/", body, "shared")
    hers = post(api(people.alice), "/api/instances/", body, "shared")
    assert mine.json()["id"] != hers.json()["id"]
    assert ProcessInstance.objects.count() == 2


def test_the_same_key_with_another_request_is_refused_and_changes_nothing(
    api, people, order_definition
):  # fmt: skip
    bob = api(people.bob)
    post(bob, "/api/instances/", {"definition": ORDER, "business_key": "A"}, "k")
    refused = post(bob, "/api/instances/", {"definition": ORDER, "business_key": "B"}, "k")
    assert refused.status_code == 422
    assert "Idempotency-Key" in refused.json()["detail"]
    assert ProcessInstance.objects.count() == 1


def test_a_refused_request_keeps_no_answer_so_the_corrected_one_runs(api, people, order_definition):
    bob = api(people.bob)
    wrong = post(bob, "/api/instances/", {"definition": "nope"}, "fix-me")
    assert wrong.status_code == 400
    assert not IdempotentRequest.objects.exists()
    right = post(bob, "/api/instances/", {"definition": ORDER}, "fix-me")
    assert right.status_code == 201


@pytest.mark.parametrize("key", ["", " ", "x" * 256, "clé"])
def test_a_malformed_key_is_a_400_naming_the_header(api, people, order_definition, key):
    answer = post(api(people.bob), "/api/instances/", {"definition": ORDER}, key)
    assert answer.status_code == 400
    assert "Idempotency-Key" in answer.json()["errors"]
    assert not ProcessInstance.objects.exists()


def test_a_payment_sent_twice_with_its_key_is_recorded_once(api, people):
    order = make_order((make_product(list_price=Decimal("100.00")), 2), confirm=True)
    invoice = sales.invoice_create_for_order(order=order)
    alice = api(people.alice)
    url = f"/api/invoices/{invoice.pk}/payments/"
    first = post(alice, url, {"amount": "50.00"}, "pay-1")
    again = post(alice, url, {"amount": "50.00"}, "pay-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert Payment.objects.filter(invoice=invoice).count() == 1


def test_a_message_sent_twice_with_its_key_is_delivered_once(api, people):
    erin = api(people.erin)
    body = {"name": "nobody_waits", "ttl_seconds": 60}
    first = post(erin, "/api/messages/", body, "msg-1")
    again = post(erin, "/api/messages/", body, "msg-1")
    assert first.status_code == again.status_code
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
