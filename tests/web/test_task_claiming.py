"""Claiming is clear: an unclaimed task reads as values with one "Claim and start" button,
someone else's reads as values naming who holds it, and only the holder's page posts."""

from engine.models import HumanTask, ProcessInstance
from engine.models.events import EventType, InstanceEvent
from engine.services.tasks import task_claim
from tests.factories import make_user

ENTRY = {"f.customer": "Fjord", "f.quantity": "2", "f.price": "10.5"}


def test_an_unclaimed_task_opens_read_only_with_one_claim_and_start_button(
    login, users, order_task
):
    response = login(users["alice"]).get(f"/tasks/{order_task.pk}/")
    html = response.content.decode()
    assert response.context["editable"] is False
    # The fields are shown as values: no input, no "Complete task".
    assert 'name="f.customer"' not in html
    values = html.split('id="task-values"')[1].split("<form")[0]
    assert "<input" not in values and "<select" not in values
    assert 'data-field="customer"' in html
    assert "Complete task" not in html
    assert html.count("Claim and start") == 1
    assert "Nobody is working on this task yet" in html


def test_claim_and_start_opens_the_editable_form(login, users, order_task):
    alice = login(users["alice"])
    answer = alice.post(f"/tasks/{order_task.pk}/claim/", follow=True)
    html = answer.content.decode()
    assert answer.redirect_chain[-1][0] == f"/tasks/{order_task.pk}/"
    assert "is now yours" in html
    assert 'name="f.customer"' in html
    assert "Complete task" in html
    assert "Claim and start" not in html


def test_posting_the_form_of_an_unclaimed_task_is_refused_and_changes_nothing(
    login, users, order, order_task
):
    answer = login(users["alice"]).post(f"/tasks/{order_task.pk}/", ENTRY, follow=True)
    html = answer.content.decode()
    assert answer.redirect_chain[-1][0] == f"/tasks/{order_task.pk}/"
    assert "Nobody has claimed this task yet" in html
    assert "Nothing was saved." in html
    order_task.refresh_from_db()
    order.refresh_from_db()
    assert order_task.status == HumanTask.Status.OPEN
    assert order_task.assignee_id is None
    assert order_task.completed_data is None
    assert order.status == ProcessInstance.Status.RUNNING
    assert not InstanceEvent.objects.filter(
        instance=order, type__in=[EventType.TASK_CLAIMED, EventType.TASK_COMPLETED]
    ).exists()


def test_someone_elses_task_reads_as_values_naming_who_holds_it(login, users, order_task):
    colleague = make_user("sam", "sales", first_name="Sam", last_name="Berg")
    task_claim(task_id=order_task.pk, user=colleague)
    # Erin, a manager, sees every task; Sam's reads as values.
    response = login(users["erin"]).get(f"/tasks/{order_task.pk}/")
    html = response.content.decode()
    assert "Sam Berg is working on this task" in html
    assert 'name="f.customer"' not in html
    assert "Claim and start" not in html
    # Her post of the form is refused: Sam holds it, nothing moves.
    refused = login(users["erin"]).post(f"/tasks/{order_task.pk}/", ENTRY, follow=True)
    assert "assigned to sam" in refused.content.decode()
    order_task.refresh_from_db()
    assert order_task.status == HumanTask.Status.CLAIMED
    assert order_task.assignee == colleague


def test_a_superuser_reads_someone_elses_task_and_cannot_post_its_form(login, users, order_task):
    task_claim(task_id=order_task.pk, user=users["alice"])
    page = login(users["admin"]).get(f"/tasks/{order_task.pk}/").content.decode()
    assert "alice is working on this task" in page
    assert 'name="f.customer"' not in page
    refused = login(users["admin"]).post(f"/tasks/{order_task.pk}/", ENTRY, follow=True)
    assert "alice is working on this task; only they can complete it" in (refused.content.decode())
    order_task.refresh_from_db()
    assert order_task.status == HumanTask.Status.CLAIMED


def test_the_api_still_claims_an_unclaimed_task_when_completing_it(login, users, order_task):
    api = login(users["alice"])
    answer = api.post(
        f"/api/tasks/{order_task.pk}/complete/",
        {"data": {"customer": "Fjord", "quantity": 2, "price": 10.5}},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content
    order_task.refresh_from_db()
    assert order_task.status == HumanTask.Status.COMPLETED
    assert order_task.assignee == users["alice"]
