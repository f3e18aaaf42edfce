"""Alice asks Carol on a task's page with @carol; Carol's bell rings and opens the comment."""

import pytest

from engine.models import HumanTask
from engine.services.instances import instance_start
from tests.e2e.conftest import PASSWORD
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.e2e


def test_a_mention_on_a_task_reaches_the_colleague(session, people):
    deploy_fixture()
    make_user("carol", "sales", password=PASSWORD, first_name="Carol", last_name="Ng")
    task = HumanTask.objects.get(
        instance=instance_start(
            definition_key="order_approval", business_key="SO-3001", user=people["alice"]
        )
    )

    alice = session("alice-comment")
    alice.login("alice")
    page = alice.page
    page.goto(f"/tasks/{task.pk}/")
    assert "No comments yet" in page.locator("#comments").inner_text()
    page.fill("#comments textarea", "Could you check the **price**, @carol?")
    page.click("#comments [data-comment]")
    page.wait_for_url(f"**/tasks/{task.pk}/#comment-*")
    comment = page.locator("#comments .comment").first
    assert comment.locator(".comment-body strong").inner_text() == "price"
    assert comment.locator(".who").inner_text() == "Alice"
    assert comment.locator(".mention").inner_text() == "@carol"
    alice.screenshot("1-task-1280")
    page.set_viewport_size({"width": 390, "height": 800})
    alice.screenshot("2-task-390")
    alice.assert_no_console_errors()

    carol = session("carol-comment")
    carol.login("carol")
    page = carol.page
    # The new task in the sales queue, then the mention.
    assert page.locator("#bell .bell-count").inner_text() == "2"
    page.click("#bell")
    page.wait_for_url("**/notifications/")
    assert (
        "New task in your queue: “Enter order · SO-3001”"
        in page.locator(".notification.unread").nth(1).inner_text()
    )
    item = page.locator(".notification.unread").first
    assert "Alice mentioned you on “Enter order · SO-3001”" in item.inner_text()
    item.locator("button").click()
    page.wait_for_url(f"**/tasks/{task.pk}/#comment-*")
    assert "Could you check the price" in page.locator("#comments").inner_text()
    # On a phone the comment the link opens sits below the sticky top bar, not under it.
    page.set_viewport_size({"width": 390, "height": 700})
    anchored = page.url
    page.goto("/inbox/")
    page.goto(anchored)
    place = page.evaluate(
        """() => ({scrolled: window.scrollY,
                   bar: document.querySelector('.topbar').getBoundingClientRect().bottom,
                   top: document.querySelector(':target').getBoundingClientRect().top})"""
    )
    assert place["scrolled"] > 0, place
    assert place["top"] >= place["bar"], place
    carol.screenshot("1-comment-anchor-390")
    carol.assert_no_console_errors()


def test_the_case_history_shows_a_comment_in_its_place(session, people):
    deploy_fixture()
    instance = instance_start(
        definition_key="order_approval", business_key="SO-3002", user=people["alice"]
    )
    erin = session("erin-history")
    erin.login("erin")
    page = erin.page
    page.goto(f"/monitor/instances/{instance.pk}/")
    page.fill("#comments textarea", "The customer **called**: deliver on Friday.")
    page.click("#comments [data-comment]")
    page.wait_for_url(f"**/monitor/instances/{instance.pk}/#comment-*")
    line = page.locator(".timeline .ev-comment")
    assert "Erin commented" in line.inner_text()
    assert "The customer called: deliver on Friday." in line.inner_text()
    line.locator("a").click()
    assert page.locator("#comments .comment").first.is_visible()
    erin.screenshot("1-history-1280")
    page.set_viewport_size({"width": 390, "height": 800})
    erin.screenshot("2-history-390")
    erin.assert_no_console_errors()
