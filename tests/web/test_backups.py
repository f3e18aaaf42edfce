"""The dashboard's backup card and downloading an archive from it (managers only)."""

import os
import tarfile
import time

import pytest

from operations.backup import backup_create

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def backups(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.BACKUP_DIR


def test_no_backup_yet_says_what_to_do(login, users, backups, settings):
    html = login(users["erin"]).get("/dashboard/").content.decode()
    assert "No backup yet." in html and "manage.py backup" in html
    settings.HYPERCRM_DAILY_BACKUP = False
    html = login(users["erin"]).get("/dashboard/").content.decode()
    assert "The daily backup is off" in html


def test_the_card_shows_the_last_backup_and_downloads_it(login, users, backups):
    path = backup_create()
    client = login(users["erin"])
    response = client.get("/dashboard/")
    html = response.content.decode()
    card = html[html.index('id="backup-card"') :]
    card = card[: card.index("</section>")]
    assert "Last backup:" in card and "(just now)" in card
    assert f'href="/backups/{path.name}/"' in card
    assert "1 backup is kept on this machine." in card
    assert "more than a day old" not in card

    download = client.get(f"/backups/{path.name}/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == f'attachment; filename="{path.name}"'
    content = b"".join(download.streaming_content)
    assert content == path.read_bytes()
    with tarfile.open(path) as tar:
        assert "manifest.json" in tar.getnames()


def test_an_old_last_backup_is_called_out(login, users, backups):
    path = backup_create()
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(path, (two_days_ago, two_days_ago))
    html = login(users["erin"]).get("/dashboard/").content.decode()
    assert "more than a day old" in html and "2\xa0days ago" in html


def test_only_managers_download_and_only_archives_of_the_folder(login, users, backups, client):
    path = backup_create()
    url = f"/backups/{path.name}/"
    for name in ("alice", "olga"):
        response = login(users[name]).get(url)
        assert response.status_code == 403
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    manager = login(users["erin"])
    (backups.parent / "secret.tar.gz").write_bytes(b"not a backup of this folder")
    for wrong in ("nothing-here.tar.gz", "..%2Fsecret.tar.gz", "secret.tar.gz", "..", "%2E%2E"):
        response = manager.get(f"/backups/{wrong}/")
        assert response.status_code == 404, wrong
