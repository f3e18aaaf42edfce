"""SpiffArena's script environment, over HTTP: a diagram as SpiffArena's editor writes it
(spiffworkflow namespace, script tasks in Python) is deployed, started and completed, and
the case's variables show what its scripts computed with SpiffArena's helpers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from engine.models import ProcessDefinition, ProcessInstance
from tests.api.helpers import complete, start, upload
from tests.factories import FIXTURES, make_user

pytestmark = pytest.mark.django_db
KEY = "Process_order_check_x7k2p"


def _diagram(name: str) -> bytes:
    return (FIXTURES / "spiffarena" / name).read_bytes()


@pytest.fixture
def cast(db):
    make_user("sam", "sales")
    return (
        make_user(
            "pat",
            "sales",
            "buyers",
            is_superuser=True,
            first_name="Pat",
            last_name="Lee",
            email="pat@example.com",
        ),
        make_user("erin", "managers", is_superuser=True, first_name="Erin", last_name="Kay"),
    )


def test_the_helpers_answer_who_acts_which_case_and_when(api, cast, settings):
    settings.HYPERCRM = {**settings.HYPERCRM, "ENVIRONMENT": "staging"}
    pat, erin = cast
    assert upload(api(pat), _diagram("helpers.bpmn"), "helpers.bpmn").status_code == 201
    order = {"number": "SO-41", "customer": "Acme", "total": 120}
    response = start(api(pat), definition=KEY, variables={"order": order})
    assert response.status_code == 201, response.content
    case = response.json()
    seen = case["variables"]
    person = {
        "id": pat.pk,
        "username": "pat",
        "name": "Pat Lee",
        "display_name": "Pat Lee",
        "email": "pat@example.com",
        "groups": ["buyers", "sales"],
    }
    assert seen["me"] == person
    assert seen["starter"] == person
    assert seen["info"] == {
        "process_instance_id": case["id"],
        "process_model_identifier": KEY,
        "process_model_version": 1,
        "business_key": "",  # numbered when the step that set order.number is saved
    }
    assert seen["environment"] == "staging"
    assert seen["team"] == ["pat", "sam"]
    assert seen["paris_hour"] == 13
    assert seen["same_day"] is True
    assert seen["due"] == "2026-01-17"
    assert seen["stamp"] is True
    assert seen["epoch_year"] == 1970
    assert seen["rounded"] in ("10.01", 10.01)
    assert seen["label"] == "Acme owes 120"
    assert seen["order"]["status"] == "checked"

    [task_id] = case["tasks"]
    assert complete(api(erin), task_id, {}).status_code == 200
    after = api(erin).get(f"/api/instances/{case['id']}/").json()
    assert after["status"] == "completed"
    assert after["business_key"] == "SO-41"
    assert after["variables"]["approver"] == "erin"
    assert after["variables"]["last_approver"] == "Erin Kay"
    assert after["variables"]["me"]["username"] == "pat"  # the first script's, kept


def test_a_helper_hypercrm_does_not_give_is_refused_at_deploy(api, cast):
    pat, _erin = cast
    response = upload(api(pat), _diagram("refused_helper.bpmn"), "refused_helper.bpmn")
    assert response.status_code == 400, response.content
    text = str(response.json())
    assert "get_secret()" in text and "no equivalent" in text
    assert "connector" in text
    assert "markdown_file_download_link()" in text and "its equivalent here" in text
    assert "time.sleep()" in text and "timer event" in text
    assert not ProcessDefinition.objects.exists()
    assert not ProcessInstance.objects.exists()


@pytest.mark.parametrize(
    ("language", "said", "wait"),
    [
        (
            "fr",
            "il appelle get_secret(), une fonction d’aide de SpiffArena sans équivalent",
            "dessinez un événement minuteur",
        ),
        (
            "ru",
            "он вызывает get_secret(), вспомогательную функцию SpiffArena, у которой нет",
            "нарисуйте событие-таймер",
        ),
    ],
)
def test_the_refusal_reads_in_the_asked_language(api, cast, language, said, wait):
    pat, _erin = cast
    answer = api(pat).post(
        "/api/definitions/validate/",
        {"file": SimpleUploadedFile("refused.bpmn", _diagram("refused_helper.bpmn"))},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert answer.status_code == 200, answer.content
    messages = [error["message"] for error in answer.json()["errors"]]
    assert [error["line"] for error in answer.json()["errors"]] == [10, 11, 12]
    assert said in messages[0]
    assert "time.sleep()" in messages[1] and wait in messages[1]
