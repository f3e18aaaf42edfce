"""Comments over the API: on an order and a task, @mentions told once, edit, remove, rights."""

from datetime import timedelta
from decimal import Decimal

import pytest

from engine.models import HumanTask
from engine.services.instances import instance_start
from processes.collab.models import Comment
from processes.notifications.models import Notification
from processes.sales.services.orders import order_create
from tests.factories import deploy_fixture, make_user
from tests.processes.factories import make_customer, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def order():
    acme = make_customer("Acme Tools")
    return order_create(
        party=acme, lines=[{"product": make_product("DRL-1"), "quantity": Decimal("1")}]
    )


def _post(client, target, body):
    return client.post("/api/comments/", {"target": target, "body": body})


def test_alice_comments_on_an_order_and_bob_is_told_once(
    api, people, order, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        answer = _post(api(people.alice), f"order:{order.pk}", "Hi @bob, **urgent** <b>x</b>")
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["author"] == "alice"
    assert body["target"] == f"order:{order.pk}"
    assert "<strong>urgent</strong>" in body["html"]
    assert "<b>" not in body["html"] and "&lt;b&gt;" in body["html"]
    assert '<span class="mention">@bob</span>' in body["html"]

    [note] = Notification.objects.filter(recipient=people.bob)
    assert note.kind == "mentioned"
    assert note.link == f"/orders/{order.pk}/#comment-{body['id']}"
    mine = api(people.bob).get("/api/notifications/").json()
    assert mine["unread"] == 1
    assert mine["results"][0]["text"] == f"alice mentioned you on “{order.number}”"
    # Told once: the same comment's callback run again tells no one twice.
    for callback in callbacks:
        callback()
    assert Notification.objects.filter(recipient=people.bob).count() == 1
    # The author is not told of their own words.
    assert not Notification.objects.filter(recipient=people.alice).exists()

    listed = api(people.bob).get("/api/comments/", {"target": f"order:{order.pk}"})
    assert listed.status_code == 200
    assert [c["id"] for c in listed.json()] == [body["id"]]


def test_someone_who_may_not_see_the_target_neither_reads_nor_is_told(
    api, people, order, django_capture_on_commit_callbacks
):
    dave = make_user("dave")  # in no group: reads no orders
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(api(people.alice), f"order:{order.pk}", "@dave look").status_code == 201
    assert not Notification.objects.filter(recipient=dave).exists()
    assert api(dave).get("/api/comments/", {"target": f"order:{order.pk}"}).status_code == 404
    before = Comment.objects.count()
    assert _post(api(dave), f"order:{order.pk}", "hello").status_code == 404
    assert Comment.objects.count() == before


@pytest.mark.parametrize(
    ("target", "body", "field"),
    [
        ("order", "text", "target"),
        ("spaceship:1", "text", "target"),
        ("order:0", "text", "target"),
        ("", "text", "target"),
        ("ORDER_PK", "   ", "body"),
        ("ORDER_PK", "x" * 10_001, "body"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_stores_nothing(
    api, people, order, target, body, field
):
    target = target.replace("ORDER_PK", f"order:{order.pk}")
    answer = _post(api(people.alice), target, body)
    assert answer.status_code == 400, answer.content
    assert field in answer.json()["errors"]
    assert not Comment.objects.exists()


def test_a_missing_target_is_404(api, people):
    answer = _post(api(people.alice), "order:999999", "hello")
    assert answer.status_code == 404
    assert "order:999999" in answer.json()["detail"]


def test_edit_within_the_window_by_the_author_only(api, people, order, settings):
    comment = _post(api(people.alice), f"order:{order.pk}", "first").json()
    url = f"/api/comments/{comment['id']}/"
    refused = api(people.erin).patch(url, {"body": "hijack"})
    assert refused.status_code == 403
    assert "author" in refused.json()["detail"]
    changed = api(people.alice).patch(url, {"body": "second"})
    assert changed.status_code == 200
    assert changed.json()["body"] == "second" and changed.json()["edited_at"]
    Comment.objects.filter(pk=comment["id"]).update(
        created_at=Comment.objects.get(pk=comment["id"]).created_at - timedelta(minutes=16)
    )
    late = api(people.alice).patch(url, {"body": "third"})
    assert late.status_code == 403
    assert "15 minutes" in late.json()["detail"]
    assert Comment.objects.get(pk=comment["id"]).body == "second"


def test_a_removed_comment_stays_as_removed_by_someone(api, people, order):
    comment = _post(api(people.alice), f"order:{order.pk}", "oops").json()
    remove = f"/api/comments/{comment['id']}/remove/"
    assert api(people.bob).post(remove).status_code == 403
    answer = api(people.erin).post(remove)
    assert answer.status_code == 200
    assert answer.json()["removed"] is True and answer.json()["removed_by"] == "erin"
    assert answer.json()["body"] == "" and answer.json()["html"] == ""
    [listed] = api(people.alice).get("/api/comments/", {"target": f"order:{order.pk}"}).json()
    assert listed["removed"] is True
    assert api(people.erin).post(remove).status_code == 409
    assert (
        api(people.alice).patch(f"/api/comments/{comment['id']}/", {"body": "x"}).status_code == 409
    )


def test_task_comments_follow_the_task_s_visibility(
    api, people, django_capture_on_commit_callbacks
):
    deploy_fixture()
    instance = instance_start(
        definition_key="order_approval", business_key="SO-9", user=people.alice
    )
    task = HumanTask.objects.get(instance=instance)
    carol = make_user("carol2", "sales")
    with django_capture_on_commit_callbacks(execute=True):
        answer = _post(api(people.alice), f"task:{task.pk}", "@carol2 @bob can you?")
    assert answer.status_code == 201
    # carol (sales) is a candidate and is told; bob (warehouse) does not see the task.
    assert (
        Notification.objects.get(recipient=carol).link
        == f"/tasks/{task.pk}/#comment-{answer.json()['id']}"
    )
    assert not Notification.objects.filter(recipient=people.bob).exists()
    assert api(people.bob).get("/api/comments/", {"target": f"task:{task.pk}"}).status_code == 404
