from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from rest_framework.test import APIClient


@pytest.mark.django_db
def test_health_answers_without_authentication():
    response = APIClient().get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "worker": "embedded"}


@pytest.mark.django_db
def test_health_names_the_failing_database():
    failure = OperationalError("could not connect to server")
    with mock.patch.object(connection, "cursor", side_effect=failure):
        response = APIClient().get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["database"] == "could not connect to server"


@pytest.mark.django_db
def test_token_for_good_credentials_json_and_form(people):
    for fmt in ("json", "multipart"):
        response = APIClient().post(
            "/api/auth/token/", {"username": "alice", "password": "pw-for-tests"}, format=fmt
        )
        assert response.status_code == 200
        token = response.json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/tasks/").status_code == 200


@pytest.mark.django_db
def test_token_refused_for_bad_credentials(people):
    response = APIClient().post(
        "/api/auth/token/", {"username": "alice", "password": "wrong"}, format="json"
    )
    assert response.status_code == 400
    assert "token" not in response.json()
    assert response.json()["errors"]


@pytest.mark.django_db
def test_token_ignores_a_stale_authorization_header(people):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = client.post(
        "/api/auth/token/", {"username": "alice", "password": "pw-for-tests"}, format="json"
    )
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/tasks/", "/api/instances/", "/api/definitions/", "/api/incidents/"]
)
def test_api_needs_authentication(path):
    assert APIClient().get(path).status_code in (401, 403)


@pytest.mark.django_db
def test_bad_token_is_401():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get("/api/tasks/").status_code == 401


@pytest.mark.django_db
def test_schema_is_served_and_lists_the_api(api, people):
    response = api(people.alice).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/definitions/",
        "/api/definitions/validate/",
        "/api/instances/{id}/history/",
        "/api/tasks/{id}/complete/",
        "/api/incidents/{id}/retry/",
    ):
        assert path in paths
    upload = paths["/api/definitions/"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in upload


def test_schema_of_the_engine_api_generates_without_warnings(tmp_path):
    # --fail-on-warn turns every drf-spectacular warning (a view it cannot read) into an error.
    # Limited to api.urls: the business endpoints (processes.urls) answer for their own schema.
    call_command(
        "spectacular",
        "--fail-on-warn",
        "--urlconf",
        "api.urls",
        "--file",
        str(tmp_path / "schema.yaml"),
    )
    assert (tmp_path / "schema.yaml").read_text().startswith("openapi: 3")
