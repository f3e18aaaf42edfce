"""The instance page's "Move the work" form (managers and process owners)."""

import pytest

from engine.models import HumanTask, ProcessInstance
from engine.services.tasks import task_complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(users, order):
    """An order of 1,500 waiting for a manager's approval."""
    task = HumanTask.objects.get(instance=order, element_id="enter_order")
    data = {"customer": "Acme", "quantity": 50, "price": 30}
    task_complete(task_id=task.pk, user=users["alice"], data=data)
    return order


def url(instance) -> str:
    return f"/monitor/instances/{instance.pk}/modify/"


def test_the_form_lists_the_steps_by_name(login, users, waiting):
    page = login(users["erin"]).get(f"/monitor/instances/{waiting.pk}/").content.decode()
    assert "Move the work" in page
    assert (
        '<input type="checkbox" name="cancel" value="approve_order" checked> Approve order' in page
    )
    assert '<option value="enter_order">Enter order</option>' in page
    assert 'value="start"' not in page  # the start event is not offered


def test_erin_sends_the_order_back_and_reads_it_in_the_history(login, users, waiting):
    response = login(users["erin"]).post(
        url(waiting),
        {
            "cancel": "approve_order",
            "start": "enter_order",
            "where": "before",
            "variables": '{"quantity": 5}',
        },
        follow=True,
    )
    html = response.content.decode()
    assert "The work is moved; the case now waits at Enter order." in html
    assert "Work moved by hand" in html
    assert "cancelled at “Approve order”" in html and "started before “Enter order”" in html
    waiting.refresh_from_db()
    assert waiting.active == ["enter_order"] and waiting.variables["quantity"] == 5


@pytest.mark.parametrize(
    ("form", "words"),
    [
        ({"start": "accepted", "where": "after"}, "Nothing follows “Order accepted”"),
        ({"start": "big_order", "where": "after"}, "“Big order?” chooses between its ways out"),
        ({"start": "enter_order", "variables": "{"}, "not an object in JSON"),
        ({}, "Choose the work to cancel"),
    ],
)
def test_a_refused_move_says_why_and_changes_nothing(login, users, waiting, form, words):
    before = ProcessInstance.objects.get(pk=waiting.pk).state
    response = login(users["erin"]).post(url(waiting), form, follow=True)
    assert words in response.content.decode()
    assert ProcessInstance.objects.get(pk=waiting.pk).state == before


def test_others_may_not(login, users, waiting):
    response = login(users["alice"]).post(url(waiting), {"start": "enter_order"})
    assert response.status_code == 403
    page = login(users["admin"]).get(f"/monitor/instances/{waiting.pk}/").content.decode()
    assert "Move the work" in page


def test_the_form_and_the_history_in_french(login, users, waiting):
    client = login(users["erin"])
    client.post(url(waiting), {"cancel": "approve_order", "start": "enter_order"})
    page = client.get(f"/monitor/instances/{waiting.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content
    page = page.decode()
    assert "Déplacer le travail" in page and "Puis commencer à l’étape" in page
    assert "annulé à « Approve order »" in page and "commencé avant « Enter order »" in page
