"""A salesperson who sees only her own customers is offered only those in a task's form, and
a completion naming another customer is refused naming the field, nothing changed; the
engine's workers (no one asking) and a manager see every customer."""

import pytest
from django.core.management import call_command

from engine.models import HumanTask
from engine.services.instances import instance_start
from forms.choices import expand_choices
from tests.factories import make_user
from tests.processes.access.test_own_records import fresh, own_only
from tests.processes.factories import make_customer

pytestmark = pytest.mark.django_db


def customers_offered(answer) -> set[str]:
    schema = answer.json()["form"]["schema"]
    return {choice["title"] for choice in schema["properties"]["customer"]["oneOf"]}


def test_the_order_form_offers_and_accepts_only_her_customers(admin, people, api):
    call_command("deploy_processes", verbosity=0)
    sam = make_user("sam", "sales")
    acme = make_customer("Acme Tools", owner=people.alice)
    bolt = make_customer("Bolt Supplies", owner=sam)
    case = instance_start(definition_key="sales", user=people.alice)
    task = HumanTask.objects.get(instance=case, element_id="enter_order")
    url = f"/api/tasks/{task.pk}/"
    assert customers_offered(api(people.alice).get(url)) == {"Acme Tools", "Bolt Supplies"}

    assert own_only(api, admin, "sales", ["customers"]).status_code == 200
    alice = fresh(people.alice)
    assert customers_offered(api(alice).get(url)) == {"Acme Tools"}
    assert api(alice).post(f"{url}claim/").status_code == 200
    lines = [{"product": 1, "quantity": 1}]
    refused = api(alice).post(f"{url}complete/", {"data": {"customer": bolt.pk, "lines": lines}})
    assert refused.status_code == 400 and "customer" in refused.json()["errors"]
    task.refresh_from_db()
    assert task.status == "claimed"
    # A manager sees them all; so does the engine when no one asks.
    assert customers_offered(api(people.erin).get(url)) == {"Acme Tools", "Bolt Supplies"}
    schema = expand_choices({"properties": {"c": {"type": "integer", "x-choices": "customer"}}})
    assert {c["title"] for c in schema["properties"]["c"]["oneOf"]} == {
        acme.name,
        bolt.name,
    }
