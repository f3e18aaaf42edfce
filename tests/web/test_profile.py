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


def _change(client, old="pw-for-tests", new="a-longer-new-secret-41", again=None, **headers):
    data = {
        "section": "password",
        "old_password": old,
        "new_password1": new,
        "new_password2": new if again is None else again,
    }
    return client.post("/profile/", data, **headers)


def test_a_person_changes_her_password_and_her_other_browsers_are_signed_out(client, users):
    from django.test import Client

    other = Client()
    assert other.login(username="erin", password="pw-for-tests")
    assert other.get("/inbox/").status_code == 200
    assert client.login(username="erin", password="pw-for-tests")
    response = _change(client)
    assert response.status_code == 302
    assert "Your password is changed" in client.get("/profile/").content.decode()
    users["erin"].refresh_from_db()
    assert users["erin"].check_password("a-longer-new-secret-41")
    # The other browser held the old password's hash: it is asked to sign in again.
    assert other.get("/inbox/").status_code == 302


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"old": "not-it"}, "old_password", "Votre ancien mot de passe est incorrect"),
        ({"again": "something-else-41"}, "new_password2", "Les deux mots de passe"),
        ({"new": "erin"}, "new_password2", "trop court"),
    ],
    ids=["wrong-present", "not-twice-the-same", "too-short"],
)
def test_a_wrong_password_change_is_refused_by_field_and_nothing_changes(
    login, users, change, field, words
):
    client = login(users["erin"])
    response = _change(client, HTTP_ACCEPT_LANGUAGE="fr", **change)
    assert response.status_code == 400
    page = response.content.decode().replace("&#x27;", "'")
    assert f'id="id_{field}_errors"' in page and words in page
    users["erin"].refresh_from_db()
    assert users["erin"].check_password("pw-for-tests")
