"""Accept-Language chooses the language of the API's error messages (docs/i18n.md)."""

import pytest
from rest_framework.test import APIClient

from engine.models import HumanTask, ProcessInstance
from engine.services.instances import instance_start, instance_suspend
from profiles.services import set_language
from tests.api.helpers import history, start


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("fr", "Jeton invalide."),
        ("ru-RU,ru;q=0.9", "Недействительный токен."),
        ("en", "Invalid token."),
    ],
)
@pytest.mark.django_db
def test_a_refused_token_is_explained_in_the_asked_language(header, expected):
    client = APIClient(HTTP_ACCEPT_LANGUAGE=header)
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    response = client.get("/api/instances/")
    assert response.status_code == 401
    assert response.json()["detail"] == expected
    assert response["Content-Language"] == header[:2]


def test_a_missing_field_is_named_in_french(api, people, order_definition):
    client = api(people.alice)
    response = client.post("/api/instances/", {}, format="json", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    assert "definition" in response.json()["errors"]
    assert "Ce champ est obligatoire." in str(response.json())


def test_an_explicit_header_wins_over_the_profile_choice(api, people, order_definition):
    set_language(people.alice, "ru")
    client = api(people.alice)
    client.login(username="alice", password="pw-for-tests")
    french = client.post("/api/instances/", {}, format="json", HTTP_ACCEPT_LANGUAGE="fr")
    assert "Ce champ est obligatoire." in str(french.json())
    russian = client.post("/api/instances/", {}, format="json")
    assert "Обязательное поле." in str(russian.json())


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("fr", "L’instance n° {id} est « Suspendue » : seule une instance en cours est suspendue."),
        ("ru", "Экземпляр № {id} в статусе «Приостановлен»: приостановить можно только"),
    ],
)
def test_an_engine_refusal_is_told_in_the_asked_language(
    api, people, order_definition, header, expected
):
    instance = instance_start(definition_key=order_definition.key, user=people.alice)
    instance_suspend(instance_id=instance.pk)
    answer = api(people.alice).post(
        f"/api/instances/{instance.pk}/suspend/", HTTP_ACCEPT_LANGUAGE=header
    )
    assert answer.status_code == 409
    assert expected.format(id=instance.pk) in answer.json()["detail"]
    assert ProcessInstance.objects.get(pk=instance.pk).status == "suspended"


def test_a_task_forms_errors_are_told_in_french_and_change_nothing(api, people, order_definition):
    alice = api(people.alice)
    instance = start(alice).json()
    [task] = instance["tasks"]
    events = history(alice, instance["id"])
    answer = alice.post(
        f"/api/tasks/{task}/complete/",
        {"data": {"customer": "", "quantity": "many", "price": -1}},
        format="json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert answer.status_code == 400
    assert answer.json()["errors"] == {
        "customer": ["Ne doit pas être vide."],
        "quantity": ["Doit être un nombre entier."],
        "price": ["Doit être au moins 0."],
    }
    assert history(alice, instance["id"]) == events
    assert HumanTask.objects.get(pk=task).status == HumanTask.Status.OPEN
