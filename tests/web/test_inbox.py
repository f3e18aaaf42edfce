"""The inbox: counts, filters, sorting, claim and unclaim, live refresh."""

from datetime import timedelta

from django.utils import timezone

from engine.models import HumanTask
from engine.services.instances import instance_start
from engine.services.tasks import task_claim
from tests.factories import make_user


def rows(response) -> list[int]:
    return [task.pk for task in response.context["page"].object_list]


def test_inbox_lists_my_tasks_and_my_groups_unclaimed_with_counts(login, users, order):
    second = instance_start(definition_key="order_approval", business_key="SO-2")
    mine = HumanTask.objects.get(instance=second)
    task_claim(task_id=mine.pk, user=users["alice"])
    response = login(users["alice"]).get("/inbox/")
    assert response.status_code == 200
    assert response.context["counts"] == {
        "all": 2,
        "mine": 1,
        "group": 1,
        "delegated": 0,
        "overdue": 0,
        "follow_up": 0,
    }
    assert len(rows(response)) == 2
    html = response.content.decode()
    assert "SO-1" in html and "SO-2" in html
    assert rows(login(users["alice"]).get("/inbox/?view=mine")) == [mine.pk]
    assert mine.pk not in rows(login(users["alice"]).get("/inbox/?view=group"))
    # bob (warehouse) sees none of the sales tasks.
    assert rows(login(users["bob"]).get("/inbox/")) == []


def test_filters_and_sorting(login, users, order, order_task):
    urgent = HumanTask.objects.get(
        instance=instance_start(definition_key="order_approval", business_key="SO-9")
    )
    HumanTask.objects.filter(pk=urgent.pk).update(
        priority=90, due_at=timezone.now() - timedelta(hours=2)
    )
    HumanTask.objects.filter(pk=order_task.pk).update(priority=20)
    alice = login(users["alice"])
    assert rows(alice.get("/inbox/?due=overdue")) == [urgent.pk]
    assert rows(alice.get("/inbox/?due=none")) == [order_task.pk]
    assert rows(alice.get("/inbox/?priority=high")) == [urgent.pk]
    assert rows(alice.get("/inbox/?priority=low")) == [order_task.pk]
    assert rows(alice.get("/inbox/?process=order_approval&sort=priority")) == [
        urgent.pk,
        order_task.pk,
    ]
    assert rows(alice.get("/inbox/?process=other")) == []
    assert rows(alice.get("/inbox/?sort=created"))[0] == urgent.pk
    response = alice.get("/inbox/")
    assert response.context["counts"]["overdue"] == 1
    assert "badge-overdue" in response.content.decode()
    # Unknown filter values fall back to the defaults instead of failing.
    assert alice.get("/inbox/?view=x&sort=y&due=z").status_code == 200


def test_empty_inbox_says_what_happens_next(login, users, db):
    html = login(users["bob"]).get("/inbox/").content.decode()
    assert "Your inbox is empty" in html
    assert "appears here by itself" in html


def test_live_refresh_returns_the_list_alone(login, users, order):
    response = login(users["alice"]).get("/inbox/?view=all", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="inbox-list"')
    assert "<html" not in html
    assert 'hx-trigger="every 15s"' in html


def test_live_refresh_after_the_session_ended_goes_to_the_login_page(client, db):
    response = client.get("/inbox/?view=mine", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == "/login/?next=/inbox/%3Fview%3Dmine"


def test_claim_from_the_inbox_and_unclaim(login, users, order_task):
    alice = login(users["alice"])
    response = alice.post(f"/tasks/{order_task.pk}/claim/", {"next": f"/tasks/{order_task.pk}/"})
    assert response["Location"] == f"/tasks/{order_task.pk}/"
    order_task.refresh_from_db()
    assert order_task.assignee == users["alice"]
    assert order_task.status == HumanTask.Status.CLAIMED

    response = alice.post(f"/tasks/{order_task.pk}/unclaim/", {"next": "/inbox/?view=mine"})
    assert response["Location"] == "/inbox/?view=mine"
    order_task.refresh_from_db()
    assert order_task.assignee is None
    assert order_task.status == HumanTask.Status.OPEN


def test_claiming_a_task_someone_else_holds_says_so(login, users, order_task):
    carla = make_user("carla", "sales")
    task_claim(task_id=order_task.pk, user=carla)
    response = login(users["admin"]).post(f"/tasks/{order_task.pk}/claim/", follow=True)
    assert "already claimed by carla" in response.content.decode()
    order_task.refresh_from_db()
    assert order_task.assignee == carla


def test_next_must_stay_on_this_site(login, users, order_task):
    response = login(users["alice"]).post(
        f"/tasks/{order_task.pk}/claim/", {"next": "https://elsewhere.example/"}
    )
    assert response["Location"] == f"/tasks/{order_task.pk}/"
