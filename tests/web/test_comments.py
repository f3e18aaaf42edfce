"""The task and case pages' comments: post, read as Markdown with names, remove, no 500."""

from processes.collab.models import Comment
from processes.notifications.models import Notification
from tests.factories import make_user


def test_alice_comments_on_her_task_and_a_colleague_reads_it(
    login, users, order_task, django_capture_on_commit_callbacks
):
    carol = make_user("carol", "sales", first_name="Carol", last_name="Ng")
    client = login(users["alice"])
    page = f"/tasks/{order_task.pk}/"
    assert "No comments yet" in client.get(page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            "/comments/",
            {"target": f"task:{order_task.pk}", "body": "Ask **@carol**", "next": page},
        )
    comment = Comment.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == f"{page}#comment-{comment.pk}"
    assert Notification.objects.get(recipient=carol).kind == "mentioned"

    html = login(carol).get(page).content.decode()
    assert f'id="comment-{comment.pk}"' in html
    assert '<strong><span class="mention">@carol</span></strong>' in html
    assert "alice" in html  # the author, by name (alice has no full name)
    assert "data-remove" not in html  # not carol's to remove


def test_the_case_page_shows_the_task_comments_and_a_manager_removes_one(
    login, users, order, order_task
):
    client = login(users["alice"])
    client.post("/comments/", {"target": f"task:{order_task.pk}", "body": "on the task"})
    comment = Comment.objects.get()
    erin = login(users["erin"])
    case_page = f"/monitor/instances/{order.pk}/"
    assert "on the task" in erin.get(case_page).content.decode()
    erin.post(f"/comments/{comment.pk}/remove/", {"next": case_page})
    html = erin.get(case_page).content.decode()
    assert "on the task" not in html
    assert "Removed by erin" in html


def test_bad_posts_change_nothing_and_say_why(login, users, order_task):
    client = login(users["bob"])  # warehouse: not a candidate for the sales task
    page = f"/tasks/{order_task.pk}/"
    answer = client.post(
        "/comments/", {"target": f"task:{order_task.pk}", "body": "hi", "next": page}, follow=True
    )
    assert answer.status_code == 403  # lands on the task page, which bob may not see
    alice = login(users["alice"])
    answer = alice.post(
        "/comments/", {"target": "task:abc", "body": "hi", "next": page}, follow=True
    )
    assert answer.status_code == 200
    assert "Name the target as kind:id" in answer.content.decode()
    answer = alice.post(
        "/comments/",
        {"target": f"task:{order_task.pk}", "body": " ", "next": "https://evil.example/"},
    )
    assert answer["Location"] == "/#comments"
    assert alice.post("/comments/999/remove/", {"next": page}).status_code == 302
    assert not Comment.objects.exists()
