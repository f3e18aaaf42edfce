"""The task page: the form from JSON Schema, field errors, completing and going on."""

from engine.models import HumanTask, ProcessInstance
from engine.services.instances import instance_start
from engine.services.tasks import task_claim, task_complete
from tests.factories import deploy_fixture, make_user


def test_task_page_renders_the_form_from_its_schema(login, users, order_task):
    task_claim(task_id=order_task.pk, user=users["alice"])
    response = login(users["alice"]).get(f"/tasks/{order_task.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    # ui:order puts customer, quantity, price in that order; all three are required.
    assert html.index('name="f.customer"') < html.index('name="f.quantity"')
    assert html.index('name="f.quantity"') < html.index('name="f.price"')
    assert 'type="number" inputmode="decimal" step="1" min="1"' in html
    assert 'step="any" min="0"' in html
    assert html.count('class="req"') == 3
    assert "Enter order" in html
    assert "Complete task" in html
    # The case's context: history is shown.
    assert "Task created" in html


def test_a_bad_value_shows_its_error_at_the_field_and_changes_nothing(login, users, order_task):
    task_claim(task_id=order_task.pk, user=users["alice"])
    alice = login(users["alice"])
    response = alice.post(
        f"/tasks/{order_task.pk}/",
        {"f.customer": "Fjord", "f.quantity": "0", "f.price": "abc"},
    )
    assert response.status_code == 200
    fields = {field.path: field for field in response.context["fields"]}
    assert fields["quantity"].errors == ["Must be at least 1."]
    assert fields["price"].errors == ["Must be a number."]
    assert fields["customer"].errors == []
    assert fields["customer"].value == "Fjord"
    html = response.content.decode()
    assert 'id="id_f-quantity-error"' in html
    assert 'aria-invalid="true"' in html
    order_task.refresh_from_db()
    assert order_task.status == HumanTask.Status.CLAIMED
    assert order_task.completed_data is None


def test_missing_required_values_are_reported(login, users, order_task):
    task_claim(task_id=order_task.pk, user=users["alice"])
    response = login(users["alice"]).post(f"/tasks/{order_task.pk}/", {"f.customer": " "})
    fields = {field.path: field for field in response.context["fields"]}
    assert fields["customer"].errors == ["This field is required."]
    assert fields["quantity"].errors == ["This field is required."]


def test_completing_goes_back_to_the_inbox_when_nothing_follows(login, users, order, order_task):
    task_claim(task_id=order_task.pk, user=users["alice"])
    response = login(users["alice"]).post(
        f"/tasks/{order_task.pk}/",
        {"f.customer": "Fjord", "f.quantity": "2", "f.price": "10,5"},
    )
    assert response["Location"] == "/inbox/"
    order_task.refresh_from_db()
    order.refresh_from_db()
    assert order_task.completed_data == {"customer": "Fjord", "quantity": 2, "price": 10.5}
    assert order.status == ProcessInstance.Status.COMPLETED


def test_completing_goes_on_to_the_next_task_of_the_case_when_it_is_mine(users, login, order):
    # Someone in both sales and managers enters a big order and approves it next.
    both = make_user("mia", "sales", "managers")
    task = HumanTask.objects.get(instance=order)
    task_claim(task_id=task.pk, user=both)
    response = login(both).post(
        f"/tasks/{task.pk}/", {"f.customer": "Big", "f.quantity": "100", "f.price": "50"}
    )
    approve = HumanTask.objects.get(instance=order, element_id="approve_order")
    assert response["Location"] == f"/tasks/{approve.pk}/"
    task_claim(task_id=approve.pk, user=both)
    page = login(both).get(f"/tasks/{approve.pk}/")
    html = page.content.decode()
    assert 'type="checkbox" name="f.approved"' in html
    # The approval's context shows the order as entered.
    assert "Big" in html and "5000" in html


def test_a_boolean_form_completes_with_the_checkbox(users, login, order):
    task = HumanTask.objects.get(instance=order)
    task_complete(
        task_id=task.pk, user=users["alice"], data={"customer": "B", "quantity": 30, "price": 50}
    )
    approve = HumanTask.objects.get(instance=order, element_id="approve_order")
    task_claim(task_id=approve.pk, user=users["erin"])
    erin = login(users["erin"])
    response = erin.post(f"/tasks/{approve.pk}/", {"f.approved": "on", "f.comment": "fine"})
    assert response["Location"] == "/inbox/"
    approve.refresh_from_db()
    assert approve.completed_data == {"approved": True, "comment": "fine"}


def test_someone_elses_claimed_task_is_read_only_for_a_manager(login, users, order_task):
    task_claim(task_id=order_task.pk, user=users["alice"])
    response = login(users["erin"]).get(f"/tasks/{order_task.pk}/")
    assert response.context["may_complete"] is False
    assert "alice is working on this task" in response.content.decode()
    refused = login(users["erin"]).post(f"/tasks/{order_task.pk}/", {}, follow=True)
    assert "assigned to alice" in refused.content.decode()
    order_task.refresh_from_db()
    assert order_task.status == HumanTask.Status.CLAIMED


def test_a_completed_task_shows_what_was_entered(login, users, order_task):
    task_complete(
        task_id=order_task.pk,
        user=users["alice"],
        data={"customer": "Done Ltd", "quantity": 1, "price": 1},
    )
    response = login(users["alice"]).get(f"/tasks/{order_task.pk}/")
    html = response.content.decode()
    assert "Done Ltd" in html
    assert "Complete task" not in html


def test_a_task_without_a_form_can_be_completed(login, users, db):
    deploy_fixture("script_failure")
    instance = instance_start(definition_key="script_failure", variables={"amount": 4, "parts": 2})
    task = HumanTask.objects.get(instance=instance)
    response = login(users["admin"]).get(f"/tasks/{task.pk}/")
    assert "This task has no form" in response.content.decode()
    task_claim(task_id=task.pk, user=users["admin"])
    assert login(users["admin"]).post(f"/tasks/{task.pk}/", {})["Location"] == "/inbox/"
    instance.refresh_from_db()
    assert instance.status == ProcessInstance.Status.COMPLETED
