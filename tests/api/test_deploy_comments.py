"""A deployment says what changed: the comment travels with the version into its history."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from engine.models import Deployment, ProcessDefinition
from tests.api.helpers import ORDER
from tests.factories import fixture_bytes, order_bundle


def deploy(client, content: bytes, **fields):
    return client.post(
        "/api/definitions/",
        {"file": SimpleUploadedFile("order.zip", content), **fields},
        format="multipart",
    )


def changed_bundle() -> bytes:
    xml = fixture_bytes("order_approval.bpmn").replace(
        b"total = quantity * price", b"total = quantity * price * 2"
    )
    return order_bundle({"order_approval.bpmn": xml})


@pytest.mark.django_db
def test_the_comment_is_kept_with_the_version_and_listed(api, people):
    client = api(people.olga)
    assert deploy(client, order_bundle()).status_code == 201
    response = deploy(client, changed_bundle(), comment="  Totals are doubled for the test.  ")
    assert response.status_code == 201, response.content
    versions = client.get(f"/api/definitions/{ORDER}/").json()["versions"]
    assert [(v["version"], v["comment"], v["restored_from"]) for v in versions] == [
        (1, "", None),
        (2, "Totals are doubled for the test.", None),
    ]


@pytest.mark.django_db
def test_a_too_long_comment_deploys_nothing(api, people):
    client = api(people.olga)
    response = deploy(client, order_bundle(), comment="x" * 2001)
    assert response.status_code == 400
    assert "comment" in response.content.decode()
    assert not Deployment.objects.exists()
    assert not ProcessDefinition.objects.exists()


@pytest.mark.django_db
def test_a_comment_needs_the_process_owner_role_like_deploying(api, people):
    response = deploy(api(people.alice), order_bundle(), comment="mine")
    assert response.status_code == 403
    assert not Deployment.objects.exists()
