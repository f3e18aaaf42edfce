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
