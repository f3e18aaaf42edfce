"""A manager reads the dashboard's backup card and downloads the last backup."""

import tarfile

import pytest

from operations.backup import backup_create

pytestmark = pytest.mark.e2e


def test_erin_downloads_the_last_backup(session, people, settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.MEDIA_ROOT = tmp_path / "media"
    erin = session("erin-backups")
    erin.login("erin")
    page = erin.page
    page.wait_for_url("**/dashboard/")
    card = page.locator("#backup-card")
    assert "No backup yet." in card.inner_text()

    archive = backup_create()
    page.reload()
    assert "Last backup:" in card.inner_text()
    assert "1 backup is kept on this machine." in card.inner_text()
    erin.screenshot("1-card")
    with page.expect_download() as caught:
        card.get_by_role("link", name="Download").click()
    download = caught.value
    assert download.suggested_filename == archive.name
    saved = tmp_path / "downloaded.tar.gz"
    download.save_as(saved)
    assert saved.read_bytes() == archive.read_bytes()
    with tarfile.open(saved) as tar:
        assert "manifest.json" in tar.getnames()

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    box = card.bounding_box()
    assert box and box["width"] <= 390
    erin.screenshot("2-card-390")
    erin.assert_no_console_errors()
