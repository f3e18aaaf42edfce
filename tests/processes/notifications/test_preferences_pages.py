"""Notification settings, on their page and over the API: bad input changes nothing."""

import pytest

from processes.notifications.models import Preference
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_settings_page_saves_delivery_kinds_and_digest(client):
    sam = make_user("sam", "sales", email="sam@example.com")
    client.force_login(sam)
    page = client.get("/notifications/settings/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "A new task in my groups" in html and 'value="task_queued" checked' in html
    answer = client.post(
        "/notifications/settings/",
        {"delivery": "digest", "digest_minutes": "30", "kinds": ["task_overdue", "mentioned"]},
    )
    assert answer.status_code == 302
    preference = Preference.objects.get(user=sam)
    assert preference.delivery == "digest" and preference.digest_minutes == 30
    assert "task_queued" in preference.muted and "task_overdue" not in preference.muted

    bad = client.post("/notifications/settings/", {"delivery": "pigeon", "digest_minutes": "2"})
    assert bad.status_code == 400
    assert "Choose one of" in bad.content.decode()
    assert "5 to 1440 minutes" in bad.content.decode()
    assert Preference.objects.get(user=sam).delivery == "digest"


def test_the_preferences_api(client):
    from rest_framework.test import APIClient

    sam = make_user("sam", "sales")
    api = APIClient()
    api.force_authenticate(sam)
    assert api.get("/api/notifications/preferences/").json() == {
        "delivery": "email",
        "digest_minutes": 60,
        "muted": [],
    }
    changed = api.patch(
        "/api/notifications/preferences/",
        {"delivery": "app", "muted": ["case_ended"]},
        format="json",
    )
    assert changed.status_code == 200
    assert changed.json()["delivery"] == "app" and changed.json()["muted"] == ["case_ended"]
    bad = api.patch("/api/notifications/preferences/", {"muted": ["nonsense"]}, format="json")
    assert bad.status_code == 400 and "muted" in bad.json()["errors"]
    assert Preference.objects.get(user=sam).muted == ["case_ended"]
    assert APIClient().get("/api/notifications/preferences/").status_code in (401, 403)
