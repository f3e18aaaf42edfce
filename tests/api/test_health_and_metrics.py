"""Liveness, readiness and the Prometheus endpoint, against the real database and Redis."""

import os
import time

import pytest
from django.db import OperationalError, connection
from rest_framework.test import APIClient

from engine.services.instances import instance_start
from workers import health

BROKER = os.environ.get("HYPERCRM_TEST_BROKER", "redis://127.0.0.1:6379/14")


@pytest.fixture
def fresh_redis():
    health._redis.cache_clear()
    yield
    health._redis.cache_clear()


def test_live_asks_nothing_of_the_database():
    from unittest import mock

    with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
        response = APIClient().get("/health/live/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_ready_on_the_embedded_default(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path
    body = APIClient().get("/health/ready/").json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["broker"] == "embedded"
    assert body["worker"] == "embedded"
    assert body["last_backup"] is None
    assert body["last_backup_age_s"] is None


@pytest.mark.django_db
def test_ready_tells_the_age_of_the_newest_backup(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path
    old = tmp_path / "hypercrm-20261201-020000.tar.gz"
    new = tmp_path / "hypercrm-20261205-020000.tar.gz"
    old.write_bytes(b"old")
    new.write_bytes(b"new")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    os.utime(new, (time.time() - 3600, time.time() - 3600))
    body = APIClient().get("/health/ready/").json()
    assert body["last_backup"] == new.name
    assert 3590 <= body["last_backup_age_s"] <= 3700


@pytest.mark.django_db
def test_ready_names_the_failing_database():
    from unittest import mock

    with mock.patch.object(connection, "cursor", side_effect=OperationalError("no server")):
        response = APIClient().get("/health/ready/")
    assert response.status_code == 503
    assert response.json()["database"] == "no server"


@pytest.mark.django_db
def test_ready_with_a_live_broker_and_a_recent_sweep(settings, fresh_redis):
    settings.CELERY_BROKER_URL = BROKER
    health.mark_sweep()
    body = APIClient().get("/health/ready/").json()
    assert body["status"] == "ok", body
    assert body["broker"] == "ok"
    assert body["worker"] == "ok"
    assert 0 <= body["last_sweep_age_s"] < 5


@pytest.mark.django_db
def test_ready_is_503_naming_an_unreachable_broker(settings, fresh_redis):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    response = APIClient().get("/health/ready/")
    assert response.status_code == 503
    assert response.json()["broker"].startswith("broker unreachable")
    assert response.json()["last_sweep_age_s"] is None


@pytest.mark.django_db
def test_health_stays_as_it_was():
    assert APIClient().get("/health/").json() == {
        "status": "ok",
        "database": "ok",
        "worker": "embedded",
    }


@pytest.mark.django_db
def test_metrics_refused_from_another_machine():
    response = APIClient(REMOTE_ADDR="192.0.2.7").get("/metrics")
    assert response.status_code == 403
    assert b"HYPERCRM_METRICS_TOKEN" in response.content
    assert b"hypercrm_instances" not in response.content


@pytest.mark.django_db
def test_metrics_with_a_token_from_anywhere(settings):
    settings.METRICS_TOKEN = "s3cret-scrape"
    client = APIClient(REMOTE_ADDR="192.0.2.7")
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    # With a token set, being on this machine is not enough.
    assert APIClient().get("/metrics").status_code == 403
    ok = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-scrape")
    assert ok.status_code == 200
    assert ok["Content-Type"].startswith("text/plain; version=")


def _samples(text: str) -> dict[str, float]:
    values = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _space, value = line.rpartition(" ")
            values[name] = float(value)
    return values


@pytest.mark.django_db
def test_metrics_count_the_work(order_definition):
    from engine.models import Incident, ProcessInstance, Timer
    from tests.factories import run_due_work

    for _ in range(3):
        run_due_work(instance_start(definition_key="order_approval"))
    suspended = instance_start(definition_key="order_approval")
    ProcessInstance.objects.filter(pk=suspended.pk).update(status="suspended")
    Incident.objects.create(instance=suspended, element_id="enter_order", error="boom")
    Timer.objects.create(
        instance=suspended,
        element_id="t",
        due_at=suspended.started_at.replace(year=suspended.started_at.year - 1),
    )
    text = APIClient().get("/metrics").content.decode()
    values = _samples(text)
    assert values['hypercrm_instances{process="order_approval",status="running"}'] == 3
    assert values['hypercrm_instances{process="order_approval",status="suspended"}'] == 1
    assert values['hypercrm_open_incidents{process="order_approval"}'] == 1
    assert sum(v for k, v in values.items() if k.startswith("hypercrm_open_tasks{")) >= 3
    assert values["hypercrm_timers_overdue"] == 1
    assert values["hypercrm_timer_lateness_seconds"] > 360 * 86400
    assert values['hypercrm_queue_length{queue="embedded"}'] == 0
    assert "hypercrm_step_seconds_bucket" in text


@pytest.mark.django_db
def test_metrics_measure_steps_and_the_broker_queues(settings, fresh_redis, order_definition):
    from workers.metrics import STEP_SECONDS, timed_advance

    settings.CELERY_BROKER_URL = BROKER
    before = STEP_SECONDS._sum.get()
    instance = instance_start(definition_key="order_approval")
    timed_advance(instance.pk)
    assert STEP_SECONDS._sum.get() > before
    values = _samples(APIClient().get("/metrics").content.decode())
    for queue in ("celery", "due", "sweep"):
        assert f'hypercrm_queue_length{{queue="{queue}"}}' in values


@pytest.mark.django_db
def test_ready_tells_the_embedded_workers_last_sweep():
    health.mark_embedded_sweep(None)
    assert 0 <= APIClient().get("/health/ready/").json()["last_sweep_age_s"] < 5
