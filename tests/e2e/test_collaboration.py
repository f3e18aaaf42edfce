"""The collaboration acceptance, in the browser: erin moves bob's claimed task to frank, who
finds it in "Mine"; alice asks @bob on an order and attaches the supplier's PDF; bob's bell
and his e-mail lead to the order, where he downloads the PDF; dave, whose group may not read
orders, gets neither the order nor the file; a file too large or an executable renamed .pdf
is refused with the reason and nothing is stored."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from engine.models import HumanTask
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from engine.services.tasks import task_claim
from processes.access.rights import DEFAULT_RIGHTS
from processes.access.services import group_rights_set
from processes.collab.models import Attachment, Comment
from processes.sales.services.orders import order_create
from tests.api.test_delegation import PICKING_BPMN
from tests.e2e.conftest import PASSWORD
from tests.factories import make_user
from tests.processes.factories import make_customer, make_product

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def test_erin_reassigns_bobs_claimed_task_and_frank_finds_it_in_mine(session, people):
    definition_deploy(file_name="picking.bpmn", content=PICKING_BPMN, user=None, check_role=False)
    bob = make_user("bob", "warehouse", password=PASSWORD, first_name="Bob")
    frank = make_user("frank", "warehouse", password=PASSWORD, first_name="Frank")
    task = HumanTask.objects.get(
        instance=instance_start(definition_key="picking", business_key="PICK-7", user=bob)
    )
    task_claim(task_id=task.pk, user=bob)

    erin = session("erin-reassigns-bob")
    erin.login("erin")
    erin.page.goto(f"/tasks/{task.pk}/")
    erin.page.select_option('form[action$="/assign/"] select[name=user]', "frank")
    erin.page.fill('form[action$="/assign/"] input[name=reason]', "Bob is away this week")
    erin.page.click("button[data-assign]")
    assert "now goes to frank" in erin.page.locator(".flash-success").inner_text()
    moved = erin.page.locator(".timeline .ev-task_assigned").inner_text()
    assert "by Erin" in moved and "from Bob to Frank: “Bob is away this week”" in moved
    erin.screenshot("1-reassigned")
    erin.assert_no_console_errors()

    browser = session("frank-mine")
    browser.login("frank")
    page = browser.page
    page.goto("/inbox/")
    page.click('.tabs a[data-view="mine"]')
    page.wait_for_url("**view=mine**")
    row = page.locator(f'#inbox-list tr[data-task="{task.pk}"]')
    assert "Pick the goods" in row.inner_text() and "me" in row.inner_text()
    # The bell: the new task in the warehouse queue, then Erin giving it to him.
    assert page.locator("#bell .bell-count").inner_text() == "2"
    assert [n.kind for n in frank.notifications.all()] == ["task_assigned", "task_queued"]
    page.set_viewport_size({"width": 390, "height": 800})
    browser.screenshot("2-mine-390")
    browser.assert_no_console_errors()
    assert HumanTask.objects.get(pk=task.pk).assignee == frank


def test_a_mention_and_a_pdf_on_an_order_reach_bob_and_not_dave(
    session, people, settings, tmp_path, live_server
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HYPERCRM = {**settings.HYPERCRM, "SITE_URL": live_server.url}
    bob = make_user("bob", "warehouse", password=PASSWORD, first_name="Bob", email="bob@x.test")
    make_user("dave", "procurement", password=PASSWORD, first_name="Dave")
    # The company lets procurement read what it buys, not the sales orders.
    admin = make_user("root", is_superuser=True, is_staff=True)
    procurement = {k: sorted(v) for k, v in DEFAULT_RIGHTS["procurement"].items() if k != "orders"}
    group_rights_set(group=Group.objects.get(name="procurement"), rights=procurement, by=admin)
    order = order_create(
        party=make_customer("Acme Tools"),
        lines=[{"product": make_product("DRL-1"), "quantity": Decimal("1")}],
    )
    mail.outbox.clear()

    alice = session("alice-order-mention")
    alice.login("alice")
    page = alice.page
    page.goto(f"/orders/{order.pk}/")
    page.fill("#comments textarea", "@bob the supplier's quote is attached, please check it.")
    page.click("#comments [data-comment]")
    page.wait_for_url(f"**/orders/{order.pk}/#comment-*")
    assert page.locator("#comments .comment .mention").inner_text() == "@bob"
    page.set_input_files(
        "#attachments [data-attach-file]",
        files=[{"name": "supplier quote.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.click("#attachments [data-attach]")
    page.wait_for_url(f"**/orders/{order.pk}/#attachments")
    assert "supplier quote.pdf is attached." in page.content()

    # Too large, then an executable renamed .pdf: refused with the reason, nothing stored.
    stored = sorted(p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())
    settings.HYPERCRM = {**settings.HYPERCRM, "ATTACHMENT_MAX_BYTES": 1024}
    for name, content, reason in [
        ("scan.pdf", PDF + b"0" * 4000, "files up to 1.0\xa0KB"),
        ("invoice.pdf", EXE, "invoice.pdf is not a document"),
    ]:
        page.set_input_files(
            "#attachments [data-attach-file]",
            files=[{"name": name, "mimeType": "application/pdf", "buffer": content}],
        )
        page.click("#attachments [data-attach]")
        page.wait_for_url(f"**/orders/{order.pk}/#attachments")
        assert reason in page.locator(".messages").inner_text()
    assert page.locator("#attachments .files li").count() == 1
    assert Attachment.objects.count() == 1
    assert sorted(p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()) == stored
    alice.screenshot("1-order-refused")
    alice.assert_no_console_errors()

    # Bob's e-mail: one, with a link that opens the order at the comment.
    [email] = [m for m in mail.outbox if m.to == ["bob@x.test"]]
    assert f"Alice mentioned you on “{order.number}”" in email.subject
    [html] = [body for body, kind in email.alternatives if kind == "text/html"]
    link = re.search(rf"{re.escape(live_server.url)}/orders/{order.pk}/#comment-\d+", email.body)
    assert link and link.group(0) in html

    browser = session("bob-order-mention")
    browser.login("bob")
    page = browser.page
    assert page.locator("#bell .bell-count").inner_text() == "1"
    page.goto(link.group(0))
    assert order.number in page.locator("h1").inner_text()
    assert "the supplier's quote is attached" in page.locator("#comments").inner_text()
    with page.expect_download() as download:
        page.locator("#attachments .files a", has_text="supplier quote.pdf").click()
    saved = tmp_path / "bob.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes() == PDF
    page.set_viewport_size({"width": 390, "height": 800})
    wide = page.evaluate("document.documentElement.scrollWidth")
    browser.screenshot("2-order-390")
    assert wide <= 390, f"the order page is {wide} px wide at 390 px"
    browser.assert_no_console_errors()
    assert bob.notifications.get().kind == "mentioned"

    dave = session("dave-order")
    dave.login("dave")
    file_url = f"/attachments/{Attachment.objects.get().pk}/"
    for url in (f"/orders/{order.pk}/", file_url):
        answer = dave.page.request.get(url)
        assert answer.status in (403, 404), (url, answer.status)
        assert PDF not in answer.body()
    assert Comment.objects.count() == 1
    dave.assert_no_console_errors()
