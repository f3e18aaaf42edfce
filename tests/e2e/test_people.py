"""An administrator invites a person, who sets her password from the mailed link and signs
in; the administrator changes her groups, then deactivates her, and she can no longer."""

import re

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core import mail

from tests.e2e.conftest import PASSWORD
from tests.factories import make_user

pytestmark = pytest.mark.e2e
NEW_PASSWORD = "quiet-harbour-1987"


def test_an_invited_person_sets_her_password_signs_in_and_is_deactivated(session, people):
    make_user("admin", is_superuser=True, is_staff=True, password=PASSWORD, first_name="Ada")
    make_user("bob", "warehouse", password=PASSWORD, first_name="Bob")
    admin = session("admin-people")
    admin.login("admin")
    page = admin.page
    page.get_by_role("link", name="People").first.click()
    page.wait_for_url("**/people/")
    assert "Alice" in page.locator("[data-people]").inner_text()

    invite = page.locator("#invite")
    invite.get_by_label("First name").fill("Dana")
    invite.get_by_label("User name").fill("alice")  # taken
    invite.get_by_label("E-mail").fill("dana@example.com")
    invite.get_by_label("warehouse").check()
    invite.get_by_role("button", name="Send the invitation").click()
    assert "The user name “alice” is taken." in invite.locator("[role=alert]").inner_text()
    assert not get_user_model().objects.filter(email="dana@example.com").exists()
    expected = [e for e in admin.console_errors if "status of 400" in e and "/people/" in e]
    assert len(expected) == 1  # the refused invitation's answer
    admin.console_errors.remove(expected[0])
    invite.get_by_label("User name").fill("dana")
    invite.get_by_role("button", name="Send the invitation").click()
    page.wait_for_url(re.compile(r"/people/\d+/"))
    assert "Dana is invited" in page.locator("body").inner_text()
    admin.screenshot("1-person")

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["dana@example.com"]
    link = re.search(r"https?://\S+/password/set/\S+/", mail.outbox[0].body).group(0)
    dana = session("dana-password")
    dana.page.goto(link)
    dana.page.get_by_label("New password").fill(NEW_PASSWORD)
    dana.page.get_by_label("The same password again").fill(NEW_PASSWORD)
    dana.page.get_by_role("button", name="Set the password").click()
    dana.page.wait_for_url("**/login/")
    assert "Your password is set." in dana.page.locator("body").inner_text()
    dana.page.fill("#id_username", "dana")
    dana.page.fill("#id_password", NEW_PASSWORD)
    dana.page.click("button[type=submit]")
    dana.page.wait_for_url("**/inbox/")
    dana.page.goto(link)  # a spent link
    assert "This link has been used or has expired." in dana.page.locator("body").inner_text()

    groups = page.locator("#groups")
    groups.get_by_label("sales").check()
    groups.get_by_role("button", name="Save the groups").click()
    assert "The groups of Dana are saved." in page.locator("body").inner_text()
    user = get_user_model().objects.get(username="dana")
    assert sorted(user.groups.values_list("name", flat=True)) == ["sales", "warehouse"]
    changed = LogEntry.objects.get_for_object(user).filter(actor__username="admin")
    assert changed.exists()

    page.get_by_role("button", name="Deactivate").click()
    assert "Dana can no longer sign in" in page.locator("body").inner_text()
    dana.page.context.clear_cookies()
    dana.page.goto("/inbox/")
    dana.page.wait_for_url("**/login/**")
    dana.page.fill("#id_username", "dana")
    dana.page.fill("#id_password", NEW_PASSWORD)
    dana.page.click("button[type=submit]")
    assert "/login/" in dana.page.url

    page.goto("/people/")
    page.set_viewport_size({"width": 390, "height": 844})
    admin.screenshot("2-people-390")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    admin.assert_no_console_errors()
    dana.assert_no_console_errors()
