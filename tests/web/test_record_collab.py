"""A record's page carries its comments and files; a task page sets its follow-up date."""

from decimal import Decimal

import pytest

from engine.models import HumanTask
from processes.collab.models import Comment
from tests.processes.business import make_order
from tests.processes.factories import make_customer, make_product

pytestmark = pytest.mark.django_db


def test_an_order_page_shows_and_takes_comments_and_files(login, users):
    acme = make_customer("Acme Tools")
    order = make_order((make_product("CHAIR", list_price=Decimal("10")), 1), party=acme)
    client = login(users["alice"])
    page = f"/orders/{order.pk}/"
    html = client.get(page).content.decode()
    assert "No comments yet." in html and "No files yet." in html
    assert f'value="order:{order.pk}"' in html
    answer = client.post(
        "/comments/", {"target": f"order:{order.pk}", "body": "Ask **bob**", "next": page}
    )
    assert answer.status_code == 302 and answer["Location"].startswith(page)
    assert Comment.objects.get().target_kind == "order"
    assert "<strong>bob</strong>" in client.get(page).content.decode()
    customer = client.get(f"/customers/{acme.pk}/").content.decode()
    assert f'value="customer:{acme.pk}"' in customer and "No comments yet." in customer


def test_the_task_page_sets_and_clears_the_follow_up(login, users, order_task):
    client = login(users["alice"])
    page = f"/tasks/{order_task.pk}/"
    assert "data-set-follow-up" in client.get(page).content.decode()
    set_it = client.post(f"{page}follow-up/", {"follow_up_at": "2030-01-15T09:00"}, follow=True)
    assert "is to follow up on" in set_it.content.decode()
    order_task.refresh_from_db()
    assert order_task.follow_up_at is not None
    wrong = client.post(f"{page}follow-up/", {"follow_up_at": "soon"}, follow=True)
    assert "Enter the follow-up date and time" in wrong.content.decode()
    order_task.refresh_from_db()
    assert order_task.follow_up_at is not None
    client.post(f"{page}follow-up/", {"clear": "1"})
    assert HumanTask.objects.get(pk=order_task.pk).follow_up_at is None
    # Someone the task is not for is refused with the reason, nothing changed.
    stranger = login(users["bob"]).post(f"{page}follow-up/", {"clear": "1"})
    assert stranger.status_code == 403
