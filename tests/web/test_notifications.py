"""The bell in the top bar and the notifications page."""

from engine.services.delegation import task_delegate
from engine.services.tasks import task_claim
from tests.factories import make_user


def test_the_bell_counts_what_was_handed_to_me_and_opens_it(
    login, users, order_task, django_capture_on_commit_callbacks
):
    carol = make_user("carol", "sales")
    task_claim(task_id=order_task.pk, user=users["alice"])
    with django_capture_on_commit_callbacks(execute=True):
        task_delegate(task_id=order_task.pk, user=users["alice"], to="carol")

    client = login(carol)
    page = client.get("/inbox/").content.decode()
    assert '<span class="bell-count">1</span>' in page
    assert 'hx-trigger="every 15s"' in page
    bell = client.get("/notifications/bell/").content.decode()
    assert '<span class="bell-count">1</span>' in bell

    listing = client.get("/notifications/").content.decode()
    assert "alice delegated the task “Enter order · SO-1” to you" in listing
    note = carol.notifications.get()
    opened = client.post(f"/notifications/{note.pk}/read/")
    assert opened.status_code == 302
    assert opened["Location"] == f"/tasks/{order_task.pk}/"
    assert "bell-count" not in client.get("/notifications/bell/").content.decode()
    # Someone else's: 404, and it stays unread for nobody else.
    assert login(users["bob"]).post(f"/notifications/{note.pk}/read/").status_code == 404


def test_an_empty_list_says_what_will_show(login, users):
    page = login(users["bob"]).get("/notifications/").content.decode()
    assert "Nothing to tell you yet" in page


def test_the_pages_need_a_login(client):
    assert client.get("/notifications/").status_code == 302
    assert client.get("/notifications/bell/", HTTP_HX_REQUEST="true").status_code == 204


def test_the_task_page_delegates_and_resolves(login, users, order_task):
    carol = make_user("carol", "sales")
    task_claim(task_id=order_task.pk, user=users["alice"])
    alice = login(users["alice"])
    page = alice.get(f"/tasks/{order_task.pk}/").content.decode()
    assert "data-delegate" in page
    assert "data-assign" not in page  # not a manager nor a lead
    answer = alice.post(f"/tasks/{order_task.pk}/delegate/", {"user": "carol", "reason": "x"})
    assert answer.status_code == 302
    order_task.refresh_from_db()
    assert (order_task.assignee, order_task.owner) == (carol, users["alice"])

    page = login(carol).get(f"/tasks/{order_task.pk}/").content.decode()
    assert "Hand back to alice" in page
    assert "Complete task" not in page
    assert (
        "alice delegated this task to carol: carol hands it back, then alice completes it." in page
    )
    login(carol).post(f"/tasks/{order_task.pk}/resolve/")
    order_task.refresh_from_db()
    assert (order_task.assignee, order_task.owner) == (users["alice"], None)


def test_the_task_page_reassigns_for_a_manager(login, users, order_task):
    make_user("carol", "sales")
    task_claim(task_id=order_task.pk, user=users["alice"])
    erin = login(users["erin"])
    page = erin.get(f"/tasks/{order_task.pk}/").content.decode()
    assert '<option value="carol">carol</option>' in page
    assert '<option value="alice">' not in page  # the assignee already
    erin.post(f"/tasks/{order_task.pk}/assign/", {"user": "carol"})
    order_task.refresh_from_db()
    assert order_task.assignee.username == "carol"
    # A refusal shows as a message and changes nothing.
    answer = erin.post(f"/tasks/{order_task.pk}/assign/", {"user": "bob"}, follow=True)
    assert "bob is not a candidate" in answer.content.decode()
    order_task.refresh_from_db()
    assert order_task.assignee.username == "carol"


def test_the_inbox_shows_delegated_tasks_apart(login, users, order_task):
    make_user("carol", "sales")
    alice = login(users["alice"])
    assert 'data-view="delegated"' not in alice.get("/inbox/").content.decode()
    task_claim(task_id=order_task.pk, user=users["alice"])
    task_delegate(task_id=order_task.pk, user=users["alice"], to="carol")
    page = alice.get("/inbox/").content.decode()
    assert '<span class="count" data-count="delegated">1</span>' in page
    assert '<span class="count" data-count="mine">0</span>' in page
    listing = alice.get("/inbox/?view=delegated").content.decode()
    assert f'data-task="{order_task.pk}"' in listing


def test_a_process_owner_marks_a_process_to_notify_on_end(login, users, order_task):
    from processes.notifications.models import EndNotice

    key = order_task.instance.definition.key
    page = login(users["olga"]).get(f"/processes/{key}/").content.decode()
    assert "The cases end without telling anyone." in page and "data-end-notice-on" in page
    marked = login(users["olga"]).post(f"/notifications/processes/{key}/end/", {"on": "1"})
    assert marked.status_code == 302 and marked["Location"] == f"/processes/{key}/"
    page = login(users["olga"]).get(f"/processes/{key}/").content.decode()
    assert "now tells who started it when it ends" in page and "data-end-notice-off" in page
    assert EndNotice.objects.get(process_key=key).marked_by == users["olga"]

    # Someone who is not a diagram's owner sees the state, without the switch, and is refused.
    page = login(users["erin"]).get(f"/processes/{key}/").content.decode()
    assert "Each case tells the person who started it" in page and "data-end-notice" in page
    assert "data-end-notice-off" not in page
    refused = login(users["erin"]).post(f"/notifications/processes/{key}/end/", {})
    assert refused.status_code == 403
    assert EndNotice.objects.filter(process_key=key).exists()
    missing = login(users["olga"]).post("/notifications/processes/no_such/end/", {"on": "1"})
    assert missing.status_code == 404 and EndNotice.objects.count() == 1
    login(users["olga"]).post(f"/notifications/processes/{key}/end/", {})
    assert not EndNotice.objects.exists()
