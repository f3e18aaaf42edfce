"""A form starts clean: a field is filled in only from what its own step owns — its own
earlier entry, the diagram's formInput mapping, its default — never from another step's
variable of the same name; a decision is an explicit choice with no answer ticked."""

import re

from engine.models import HumanTask
from engine.services.case_start import case_start_for
from engine.services.tasks import task_claim, task_complete
from tests.factories import deploy_fixture


def value_of(html: str, name: str) -> str:
    found = re.search(rf'<input name="{re.escape(name)}"[^>]*value="([^"]*)"', html)
    assert found, name
    return found.group(1)


def review(instance) -> HumanTask:
    return HumanTask.objects.get(
        instance=instance, element_id="review", status__in=["open", "claimed"]
    )


def test_the_second_step_does_not_read_the_first_steps_variable(login, users, db):
    deploy_fixture("same_names")
    alice = users["alice"]
    instance, first = case_start_for(user=alice, definition_key="same_names")
    task_complete(
        task_id=first.pk,
        user=alice,
        data={"reason": "sales_shortage", "requester": {"name": "Zoe"}},
    )
    task = review(instance)
    assert task.data["reason"] == "sales_shortage"  # the case has it ...
    task_claim(task_id=task.pk, user=alice)
    page = login(alice).get(f"/tasks/{task.pk}/").content.decode()
    assert value_of(page, "f.reason") == ""  # ... the review's own field starts empty
    assert "sales_shortage" not in page.split('id="task-form"')[1].split("</form>")[0]
    assert value_of(page, "f.contact") == "Zoe"  # formInput: contact=requester.name
    assert value_of(page, "f.priority") == "normal"  # the form's default
    # The decision: two named answers, neither ticked.
    assert re.search(r'value="true"[^>]*> Approve</label>', page)
    assert re.search(r'value="false"[^>]*> Reject</label>', page)
    assert 'name="f.approved" value="true" checked' not in page
    assert 'name="f.approved" value="false" checked' not in page


def test_without_a_decision_nothing_is_completed(login, users, db):
    deploy_fixture("same_names")
    alice = users["alice"]
    instance, first = case_start_for(user=alice, definition_key="same_names")
    task_complete(task_id=first.pk, user=alice, data={"reason": "x"})
    task = review(instance)
    client = login(alice)
    client.post(f"/tasks/{task.pk}/claim/")
    response = client.post(f"/tasks/{task.pk}/", {"f.reason": "looks fine"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="field field-radio has-error" data-field="approved"' in html
    assert value_of(html, "f.reason") == "looks fine"  # what was typed stays
    task.refresh_from_db()
    assert task.status == "claimed"


def test_a_step_sent_back_starts_from_what_it_entered(login, users, db):
    deploy_fixture("same_names")
    alice = users["alice"]
    instance, first = case_start_for(user=alice, definition_key="same_names")
    task_complete(task_id=first.pk, user=alice, data={"reason": "sales_shortage"})
    task = review(instance)
    client = login(alice)
    client.post(f"/tasks/{task.pk}/claim/")
    response = client.post(
        f"/tasks/{task.pk}/",
        {"f.reason": "first look", "f.approved": "false", "f.again": "on", "complete": "1"},
    )
    assert response.status_code == 302
    again = review(instance)
    assert again.pk != task.pk
    client.post(f"/tasks/{again.pk}/claim/")
    page = client.get(f"/tasks/{again.pk}/").content.decode()
    assert value_of(page, "f.reason") == "first look"
