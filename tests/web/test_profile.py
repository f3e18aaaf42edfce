"""The profile page: a person picks the language the pages speak to them."""

import pytest

from profiles.models import Profile


def test_the_profile_page_offers_the_three_languages(login, users):
    response = login(users["erin"]).get("/profile/")
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("English", "Français", "Русский", "The browser's language"):
        assert name in page


def test_choosing_french_then_russian_changes_the_pages(login, users):
    client = login(users["erin"])
    response = client.post("/profile/", {"section": "language", "language": "fr"}, follow=True)
    assert "Votre langue est enregistrée." in response.content.decode()
    assert Profile.objects.get(user=users["erin"]).language == "fr"
    inbox = client.get("/inbox/").content.decode()
    assert "Boîte de réception" in inbox and '<html lang="fr">' in inbox

    client.post("/profile/", {"section": "language", "language": "ru"})
    inbox = client.get("/inbox/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Входящие" in inbox and '<html lang="ru">' in inbox


def test_without_a_choice_the_browser_decides(login, users):
    client = login(users["erin"])
    client.post("/profile/", {"section": "language", "language": ""})
    assert "Входящие" in client.get("/inbox/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Boîte de réception" in client.get("/inbox/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()


def test_an_unknown_language_is_refused_and_nothing_changes(login, users):
    client = login(users["erin"])
    client.post("/profile/", {"section": "language", "language": "fr"})
    response = client.post("/profile/", {"section": "language", "language": "xx"})
    assert response.status_code == 400
    assert "« xx » n’est pas une langue que HyperCRM parle." in response.content.decode()
    assert Profile.objects.get(user=users["erin"]).language == "fr"


@pytest.mark.django_db
def test_the_profile_page_asks_to_log_in(client):
    response = client.get("/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
