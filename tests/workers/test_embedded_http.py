"""The embedded default over HTTP: timers, messages and service tasks move by themselves."""

import time
from datetime import datetime

import pytest
import requests

from engine.dispatch import set_dispatcher
from engine.services.definitions import definition_deploy
from tests.factories import FIXTURES, make_user
from tests.support.http import FlakyServer
from workers import embedded

pytestmark = pytest.mark.slow


@pytest.fixture
def api(live_server):
    for name in ("timer3s", "messages", "http_call"):
        path = FIXTURES / "runtime" / f"{name}.bpmn"
        definition_deploy(
            file_name=path.name, content=path.read_bytes(), user=None, check_role=False
        )
    make_user("erin", "managers", password="demo-pass")
    session = requests.Session()
    token = session.post(
        f"{live_server.url}/api/auth/token/", json={"username": "erin", "password": "demo-pass"}
    ).json()["token"]
    session.headers["Authorization"] = f"Token {token}"
    set_dispatcher(embedded.enqueue)
    embedded.start()
    yield live_server.url, session
    embedded.stop()
    set_dispatcher(None)


def _wait(session, url, done, seconds=15.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = session.get(url).json()
        if done(body):
            return body
        time.sleep(0.1)
    return body


def test_timer_fires_three_to_five_seconds_after_start(api):
    base, session = api
    started = session.post(f"{base}/api/instances/", json={"definition": "timer3s"}).json()
    assert started["status"] == "running" and started["active"] == ["wait"]
    done = _wait(
        session, f"{base}/api/instances/{started['id']}/", lambda b: b["status"] == "completed"
    )
    assert done["status"] == "completed"
    took = datetime.fromisoformat(done["ended_at"]) - datetime.fromisoformat(done["started_at"])
    assert 3.0 <= took.total_seconds() <= 5.0


def test_messages_correlate_buffer_and_dedupe(api):
    base, session = api
    waiting = session.post(
        f"{base}/api/instances/", json={"definition": "waiting_order", "business_key": "SO-1"}
    ).json()
    sent = session.post(
        f"{base}/api/messages/",
        json={"name": "goods_arrived", "correlation_key": "SO-1", "message_id": "m-1"},
    ).json()
    assert sent["correlated"] == [waiting["id"]]
    assert session.get(f"{base}/api/instances/{waiting['id']}/").json()["status"] == "completed"
    # Sent before anybody waits: buffered, then delivered when the instance gets there.
    early = session.post(
        f"{base}/api/messages/",
        json={"name": "goods_arrived", "correlation_key": "SO-2", "ttl_seconds": 30},
    ).json()
    assert early["buffered"] is True
    later = session.post(
        f"{base}/api/instances/", json={"definition": "waiting_order", "business_key": "SO-2"}
    ).json()
    body = _wait(
        session, f"{base}/api/instances/{later['id']}/", lambda b: b["status"] == "completed"
    )
    assert body["status"] == "completed"
    # The same message_id again is not delivered again.
    third = session.post(
        f"{base}/api/instances/", json={"definition": "waiting_order", "business_key": "SO-1"}
    ).json()
    again = session.post(
        f"{base}/api/messages/",
        json={"name": "goods_arrived", "correlation_key": "SO-1", "message_id": "m-1"},
    ).json()
    assert again["duplicate"] is True
    time.sleep(1)
    assert session.get(f"{base}/api/instances/{third['id']}/").json()["status"] == "running"


def test_http_service_task_retries_then_incident_and_retry(api):
    base, session = api
    server = FlakyServer(failures=2)
    try:
        first = session.post(
            f"{base}/api/instances/",
            json={"definition": "http_call", "variables": {"service_url": server.url}},
        ).json()
        body = _wait(
            session, f"{base}/api/instances/{first['id']}/", lambda b: b["status"] == "completed"
        )
        assert body["status"] == "completed" and server.calls == 3
        server.calls, server.failures = 0, 1000
        second = session.post(
            f"{base}/api/instances/",
            json={"definition": "http_call", "variables": {"service_url": server.url}},
        ).json()
        body = _wait(
            session, f"{base}/api/instances/{second['id']}/", lambda b: b["status"] == "error"
        )
        assert body["status"] == "error"
        incidents = session.get(f"{base}/api/incidents/?status=open").json()["results"]
        assert [i["instance"] for i in incidents] == [second["id"]]
        server.failures = 0
        assert session.post(f"{base}/api/incidents/{incidents[0]['id']}/retry/").status_code == 200
        body = _wait(
            session, f"{base}/api/instances/{second['id']}/", lambda b: b["status"] == "completed"
        )
        assert body["status"] == "completed"
    finally:
        server.close()
