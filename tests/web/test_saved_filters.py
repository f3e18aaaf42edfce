"""Saved filters on the inbox and the monitor pages: save what the page shows, open, delete."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engine.models import HumanTask
from engine.services.instances import instance_start
from processes.collab.models import SavedFilter
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_alice_saves_the_inbox_filter_she_sees_and_her_group_finds_it(login, users, order):
    HumanTask.objects.filter(instance=order).update(priority=80)
    instance_start(definition_key="order_approval", business_key="SO-2", user=users["alice"])
    client = login(users["alice"])
    answer = client.post(
        "/inbox/filters/",
        {"name": "Urgent orders", "group": "sales", "view": "group", "priority": "high",
         "process": "order_approval", "sort": "due"},
    )  # fmt: skip
    assert answer.status_code == 302
    assert answer["Location"] == (
        "/inbox/?view=group&process=order_approval&priority=high&sort=due"
    )
    saved = SavedFilter.objects.get()
    # Kept in the API's words, so /api/filters/ and /api/tasks/ read it the same way.
    assert saved.query == {
        "scope": "candidate", "definition": "order_approval", "priority": "high", "sort": "due",
    }  # fmt: skip
    assert saved.group == "sales" and saved.view == "inbox"

    sam = make_user("sam", "sales")
    page = login(sam).get("/inbox/")
    [link] = page.context["saved_filters"]
    assert (link.name, link.count, link.mine, link.group) == ("Urgent orders", 1, False, "sales")
    assert link.url == answer["Location"]
    shown = login(sam).get(link.url)
    assert [task.pk for task in shown.context["page"].object_list] == list(
        HumanTask.objects.filter(instance=order).values_list("pk", flat=True)
    )
    assert shown.context["saved_filters"][0].active
    assert "Urgent orders" in shown.content.decode()
    # Only its owner deletes it; the others are told why, and it stays.
    refused = login(sam).post(f"/filters/{saved.pk}/delete/", {"next": "/inbox/"}, follow=True)
    assert "Only the person who saved a filter can delete it." in refused.content.decode()
    assert SavedFilter.objects.exists()
    assert login(users["bob"]).get("/inbox/").context["saved_filters"] == []
    login(users["alice"]).post(f"/filters/{saved.pk}/delete/", {"next": "/inbox/"})
    assert not SavedFilter.objects.exists()


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"name": ""}, "Name the filter"),
        ({"name": "x", "group": "managers"}, "only with a group you are in"),
    ],
)
def test_a_filter_that_cannot_be_saved_says_why_and_stores_nothing(
    login, users, order, form, message
):
    answer = login(users["alice"]).post("/inbox/filters/", {**form, "due": "overdue"}, follow=True)
    assert message in answer.content.decode()
    assert answer.redirect_chain[-1][0] == "/inbox/?due=overdue#saved-filters"
    assert not SavedFilter.objects.exists()


def test_the_same_name_twice_is_refused(login, users, order):
    client = login(users["alice"])
    client.post("/inbox/filters/", {"name": "Mine", "view": "mine"})
    answer = client.post("/inbox/filters/", {"name": "Mine", "view": "group"}, follow=True)
    assert "You already have a filter called “Mine”" in answer.content.decode()
    assert SavedFilter.objects.get().query == {"scope": "mine"}


def test_follow_up_today_is_a_filter_and_a_tab_of_the_inbox(login, users, order):
    now = timezone.now()
    task = HumanTask.objects.get(instance=order)
    later = instance_start(definition_key="order_approval", business_key="SO-2")
    HumanTask.objects.filter(pk=task.pk).update(follow_up_at=now - timedelta(minutes=5))
    HumanTask.objects.filter(instance=later).update(follow_up_at=now + timedelta(days=3))
    client = login(users["alice"])
    page = client.get("/inbox/")
    assert page.context["counts"]["follow_up"] == 1
    assert 'data-view="follow_up"' in page.content.decode()
    today = client.get("/inbox/?follow_up=today")
    assert [t.pk for t in today.context["page"].object_list] == [task.pk]
    ordered = client.get("/inbox/?sort=follow_up")
    assert [t.instance_id for t in ordered.context["page"].object_list] == [order.pk, later.pk]


def test_erin_saves_a_monitor_filter_with_its_dates(login, users, order):
    client = login(users["erin"])
    day = timezone.localdate().isoformat()
    client.post(
        "/monitor/filters/",
        {"name": "Today's orders", "process": "order_approval", "status": "running",
         "started_from": day},
    )  # fmt: skip
    saved = SavedFilter.objects.get()
    assert saved.view == "monitor"
    assert saved.query == {
        "definition": "order_approval", "status": "running", "started_from": day,
    }  # fmt: skip
    [link] = client.get("/monitor/").context["saved_filters"]
    assert link.count == 1
    assert link.url == f"/monitor/?status=running&started_from={day}&process=order_approval"
    assert client.get(link.url).context["saved_filters"][0].active
    # Not a monitor viewer: refused, nothing stored.
    assert login(users["alice"]).post("/monitor/filters/", {"name": "x"}).status_code == 403
    assert SavedFilter.objects.count() == 1
