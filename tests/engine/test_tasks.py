import json

import pytest
from django.contrib.auth.models import User

from engine.exceptions import Conflict, Forbidden, InvalidData
from engine.models import HumanTask, InstanceEvent
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from engine.services.tasks import task_claim, task_complete, task_form, task_unclaim
from forms.choices import records_among, register_choices, unregister_choices
from forms.validation import CHOICES_MESSAGE
from tests.factories import deploy_fixture, fixture_bytes, make_user, order_bundle

pytestmark = pytest.mark.django_db

GOOD = {"customer": "ACME", "quantity": 200, "price": 10}


@pytest.fixture
def started():
    deploy_fixture()
    alice = make_user("alice", "sales")
    instance = instance_start(definition_key="order_approval", user=alice)
    return alice, instance, HumanTask.objects.get(instance=instance)


def test_non_candidate_cannot_claim_or_complete(started):
    _alice, _instance, task = started
    bob = make_user("bob", "warehouse")
    with pytest.raises(Forbidden):
        task_claim(task_id=task.pk, user=bob)
    with pytest.raises(Forbidden):
        task_complete(task_id=task.pk, user=bob, data=GOOD)


def test_claimed_task_is_someone_elses(started):
    alice, _instance, task = started
    other = make_user("sam", "sales")
    task_claim(task_id=task.pk, user=alice)
    with pytest.raises(Conflict):
        task_claim(task_id=task.pk, user=other)
    with pytest.raises(Forbidden):
        task_complete(task_id=task.pk, user=other, data=GOOD)
    task_unclaim(task_id=task.pk, user=alice)
    assert task_claim(task_id=task.pk, user=other).assignee == other


def test_invalid_form_data_changes_nothing(started):
    alice, instance, task = started
    events_before = InstanceEvent.objects.filter(instance=instance).count()
    state_before = instance.state
    with pytest.raises(InvalidData) as exc:
        task_complete(task_id=task.pk, user=alice, data={"customer": "ACME", "quantity": 0})
    assert set(exc.value.errors) == {"quantity", "price"}
    instance.refresh_from_db()
    task.refresh_from_db()
    assert task.status == "open"
    assert instance.state == state_before
    assert InstanceEvent.objects.filter(instance=instance).count() == events_before


def test_completing_twice_is_a_conflict(started):
    alice, _instance, task = started
    task_complete(task_id=task.pk, user=alice, data=GOOD)
    with pytest.raises(Conflict):
        task_complete(task_id=task.pk, user=alice, data=GOOD)
    assert (
        InstanceEvent.objects.filter(type="task_completed", element_id="enter_order").count() == 1
    )


def test_a_steps_history_and_state_are_written_in_one_round_trip_on_postgresql(started):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from engine.models import ProcessInstance

    if connection.vendor != "postgresql":
        pytest.skip("one statement for both needs PostgreSQL's data-modifying WITH")
    alice, instance, task = started
    with CaptureQueriesContext(connection) as queries:
        task_complete(task_id=task.pk, user=alice, data=GOOD)
    both = [
        q["sql"]
        for q in queries.captured_queries
        if "INSERT INTO engine_instanceevent" in q["sql"]
        and "UPDATE engine_processinstance" in q["sql"]
    ]
    assert len(both) == 1
    stored = ProcessInstance.objects.get(pk=instance.pk)
    assert stored.revision == instance.revision + 1
    assert stored.active == ["approve_order"]
    assert InstanceEvent.objects.filter(instance=instance, type="task_completed").count() == 1


def test_second_task_goes_to_second_lane(started):
    alice, instance, task = started
    task_complete(task_id=task.pk, user=alice, data=GOOD)
    second = HumanTask.objects.get(instance=instance, status="open")
    assert second.element_id == "approve_order"
    assert second.candidate_groups == ["managers"]
    assert second.data["total"] == 2000
    with pytest.raises(Forbidden):
        task_claim(task_id=second.pk, user=alice)


def test_task_form_carries_schema_and_ui_schema(started):
    _alice, _instance, task = started
    form = task_form(task)
    assert form["schema"]["required"] == ["customer", "quantity", "price"]
    assert form["ui_schema"]["ui:order"] == ["customer", "quantity", "price"]


# Record choices at completion: users stand in for the business's customers.
PEOPLE = "test-task-people"


class People:
    """A choice provider of the active users that counts how often its whole list is read."""

    def __init__(self) -> None:
        self.full_reads = 0

    def every_person(self) -> list[tuple[int, str]]:
        self.full_reads += 1
        return list(User.objects.filter(is_active=True).values_list("pk", "username"))


def _start_order_with_people(alice) -> HumanTask:
    schema = json.loads(fixture_bytes("order-schema.json"))
    schema["properties"]["customer"] = {"type": "integer", "x-choices": PEOPLE}
    schema["properties"]["copies_to"] = {"type": "array", "x-choices": PEOPLE}
    content = order_bundle({"order-schema.json": json.dumps(schema).encode()})
    definition_deploy(file_name="order.zip", content=content, user=None, check_role=False)
    instance = instance_start(definition_key="order_approval", user=alice)
    return HumanTask.objects.get(instance=instance)


@pytest.fixture
def people_with_lookup():
    people = People()
    active = records_among(lambda: User.objects.filter(is_active=True))
    register_choices(PEOPLE, people.every_person, lookup=active)
    yield people
    unregister_choices(PEOPLE)


@pytest.fixture
def people_without_lookup():
    people = People()
    register_choices(PEOPLE, people.every_person)
    yield people
    unregister_choices(PEOPLE)


def test_completion_accepts_known_records_without_reading_every_record(people_with_lookup):
    alice, bob = make_user("alice", "sales"), make_user("bob", "sales")
    task = _start_order_with_people(alice)
    data = {**GOOD, "customer": bob.pk, "copies_to": [alice.pk, bob.pk]}

    task, _instance = task_complete(task_id=task.pk, user=alice, data=data)

    assert task.status == "completed"
    assert task.completed_data["copies_to"] == [alice.pk, bob.pk]
    assert people_with_lookup.full_reads == 0


def test_completion_names_each_unknown_record_and_changes_nothing(people_with_lookup):
    alice = make_user("alice", "sales")
    gone = make_user("gone", "sales", is_active=False)
    task = _start_order_with_people(alice)
    state_before = task.instance.state
    data = {**GOOD, "customer": 10**9, "copies_to": [alice.pk, gone.pk]}

    with pytest.raises(InvalidData) as exc:
        task_complete(task_id=task.pk, user=alice, data=data)

    assert exc.value.errors == {"customer": [CHOICES_MESSAGE], "copies_to.1": [CHOICES_MESSAGE]}
    task.refresh_from_db()
    task.instance.refresh_from_db()
    assert task.status == "open"
    assert task.instance.state == state_before
    assert people_with_lookup.full_reads == 0


def test_the_form_shown_still_lists_every_record(people_with_lookup):
    alice, bob = make_user("alice", "sales"), make_user("bob", "sales")
    task = _start_order_with_people(alice)

    fields = task_form(task)["schema"]["properties"]

    everyone = [{"const": alice.pk, "title": "alice"}, {"const": bob.pk, "title": "bob"}]
    assert fields["customer"]["oneOf"] == everyone
    assert fields["copies_to"]["items"]["oneOf"] == everyone


def test_completion_checks_a_provider_without_lookup_against_its_list(people_without_lookup):
    alice, bob = make_user("alice", "sales"), make_user("bob", "sales")
    task = _start_order_with_people(alice)

    with pytest.raises(InvalidData) as exc:
        task_complete(task_id=task.pk, user=alice, data={**GOOD, "customer": 10**9})
    assert exc.value.errors == {"customer": [CHOICES_MESSAGE]}

    data = {**GOOD, "customer": bob.pk, "copies_to": [bob.pk]}
    task, _instance = task_complete(task_id=task.pk, user=alice, data=data)
    assert task.status == "completed"
    assert task.completed_data["customer"] == bob.pk
