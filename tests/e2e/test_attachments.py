"""Alice attaches the supplier's PDF on her task's page; it is listed and downloads."""

import pytest

from engine.models import HumanTask
from engine.services.instances import instance_start
from tests.factories import deploy_fixture

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_alice_attaches_a_pdf_to_the_case(session, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    deploy_fixture()
    task = HumanTask.objects.get(
        instance=instance_start(
            definition_key="order_approval", business_key="SO-4001", user=people["alice"]
        )
    )
    alice = session("alice-attach")
    alice.login("alice")
    page = alice.page
    page.goto(f"/tasks/{task.pk}/")
    assert "No files yet" in page.locator("#attachments").inner_text()
    page.set_input_files(
        "#attachments [data-attach-file]",
        files=[{"name": "supplier quote.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.click("#attachments [data-attach]")
    page.wait_for_url(f"**/tasks/{task.pk}/#attachments")
    link = page.locator("#attachments .files a")
    assert link.inner_text() == "supplier quote.pdf"
    assert "supplier quote.pdf is attached." in page.content()
    alice.screenshot("1-task-1280")
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / "downloaded.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes() == PDF

    # An executable renamed .pdf is refused, with the reason, and nothing is added.
    page.set_input_files(
        "#attachments [data-attach-file]",
        files=[
            {
                "name": "invoice.pdf",
                "mimeType": "application/pdf",
                "buffer": b"MZ\x90\x00" + b"\x00" * 200,
            }
        ],
    )
    page.click("#attachments [data-attach]")
    page.wait_for_url(f"**/tasks/{task.pk}/#attachments")
    assert "invoice.pdf is not a document" in page.content()
    assert page.locator("#attachments .files li").count() == 1
    page.set_viewport_size({"width": 390, "height": 800})
    alice.screenshot("2-task-390")
    alice.assert_no_console_errors()
