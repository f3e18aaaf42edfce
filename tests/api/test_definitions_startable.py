"""GET /api/definitions/?startable=true: the processes I may start by hand."""

from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped(db, settings):
    # The shipped diagrams read the product's forms, not the API fixtures'.
    product_forms = django_settings.BASE_DIR / "forms" / "schemas"
    settings.HYPERCRM = {**settings.HYPERCRM, "FORMS_DIR": product_forms}
    call_command("deploy_processes", stdout=StringIO())


def test_startable_lists_what_my_group_starts(api, people, shipped):
    everything = {d["key"] for d in api(people.alice).get("/api/definitions/").json()}
    mine = api(people.alice).get("/api/definitions/?startable=true")
    assert mine.status_code == 200
    keys = {d["key"] for d in mine.json()}
    assert "sales" in keys
    assert keys < everything
    warehouse = {d["key"] for d in api(people.bob).get("/api/definitions/?startable=1").json()}
    assert "sales" not in warehouse


def test_startable_must_be_true_or_false(api, people, shipped):
    answer = api(people.alice).get("/api/definitions/?startable=maybe")
    assert answer.status_code == 400
    assert "startable" in answer.json()["errors"]


def test_starting_a_case_answers_its_first_task_mine(api, people, shipped):
    answer = api(people.alice).post("/api/definitions/sales/start/", {}, format="json")
    assert answer.status_code == 201
    body = answer.json()
    assert body["instance"]["definition"] == "sales"
    assert body["task"]["name"] == "Enter the order"
    assert body["task"]["assignee"] == "alice"


def test_a_person_who_may_not_start_it_is_refused_and_nothing_starts(api, people, shipped):
    answer = api(people.bob).post("/api/definitions/sales/start/", {}, format="json")
    assert answer.status_code == 403
    assert "may not start" in str(answer.json())
    assert api(people.erin).get("/api/instances/").json()["count"] == 0


def test_starting_an_unknown_process_is_a_400(api, people, shipped):
    answer = api(people.alice).post("/api/definitions/nothing/start/", {}, format="json")
    assert answer.status_code == 400
