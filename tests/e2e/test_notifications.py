"""Carol's bell: a task delegated to her shows on it, by itself, and opens the task."""

import pytest

from engine.models import HumanTask
from engine.services.delegation import task_delegate
from engine.services.instances import instance_start
from engine.services.tasks import task_claim
from processes.notifications.services import preferences_set
from tests.e2e.conftest import PASSWORD
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.e2e


def test_a_delegated_task_rings_the_bell_and_opens_from_it(session, people):
    deploy_fixture()
    carol = make_user("carol", "sales", password=PASSWORD, first_name="Carol")
    # Carol does not want to hear of each new order in the sales queue, only of her tasks.
    preferences_set(user=carol, muted=["task_queued"])
    first, second = (
        HumanTask.objects.get(
            instance=instance_start(
                definition_key="order_approval", business_key=key, user=people["alice"]
            )
        )
        for key in ("SO-2001", "SO-2002")
    )
    for task in (first, second):
        task_claim(task_id=task.pk, user=people["alice"])
    task_delegate(task_id=first.pk, user=people["alice"], to="carol")

    browser = session("carol-bell")
    browser.login("carol")
    page = browser.page
    assert page.locator("#bell .bell-count").inner_text() == "1"
    browser.screenshot("1-bell")

    # Alice delegates another one while Carol's page is open: the bell counts it by itself.
    task_delegate(task_id=second.pk, user=people["alice"], to="carol")
    page.locator("#bell .bell-count").filter(has_text="2").wait_for(timeout=20_000)

    page.click("#bell")
    page.wait_for_url("**/notifications/")
    items = page.locator(".notification.unread")
    assert items.count() == 2
    assert "Alice delegated the task “Enter order · SO-2002” to you" in items.first.inner_text()
    page.set_viewport_size({"width": 390, "height": 800})
    browser.screenshot("2-list-390")

    items.first.locator("button").click()
    page.wait_for_url(f"**/tasks/{second.pk}/")
    assert page.locator("#bell .bell-count").inner_text() == "1"
    browser.screenshot("3-task")
    assert carol.notifications.filter(read_at__isnull=True).count() == 1
    browser.assert_no_console_errors()


def test_settings_choose_a_digest_and_mute_the_queue(session, people):
    from processes.notifications.models import Preference

    browser = session("alice-settings")
    browser.login("alice")
    page = browser.page
    page.goto("/notifications/")
    page.click("#notification-settings-link")
    page.wait_for_url("**/notifications/settings/")
    page.check("input[name=delivery][value=digest]")
    page.fill("input[name=digest_minutes]", "30")
    page.uncheck("input[name=kinds][value=task_queued]")
    browser.screenshot("1-settings-1280")
    page.click("#notification-settings button[type=submit]")
    page.wait_for_url("**/notifications/settings/")
    assert "Your notification settings are saved." in page.content()
    assert page.is_checked("input[name=delivery][value=digest]")
    assert not page.is_checked("input[name=kinds][value=task_queued]")
    page.set_viewport_size({"width": 390, "height": 800})
    browser.screenshot("2-settings-390")
    preference = Preference.objects.get(user=people["alice"])
    assert preference.delivery == "digest" and preference.digest_minutes == 30
    assert preference.muted == ["task_queued"]
    browser.assert_no_console_errors()
