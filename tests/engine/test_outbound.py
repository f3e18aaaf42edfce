"""The http connector reaches no internal address unless the settings name it, and reads
answers only up to a limit."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from engine.builtin_connectors import http_connector
from engine.connectors import ConnectorError
from engine.models import Incident
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from tests.factories import fixture_bytes, make_user, run_due_work
from tests.support.http import FlakyServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def server():
    server = FlakyServer(failures=0)
    yield server
    server.close()


@pytest.fixture
def no_allowed_networks(settings):
    settings.HYPERCRM = {**settings.HYPERCRM, "HTTP_ALLOWED_NETWORKS": []}


@pytest.mark.usefixtures("no_allowed_networks")
@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/api/schema/",
        "http://localhost:{port}/api/schema/",
        "http://[::1]:{port}/",
        "http://0.0.0.0:{port}/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
    ],
)
def test_internal_addresses_are_refused(url, server):
    port = server.httpd.server_address[1]
    with pytest.raises(ConnectorError) as caught:
        http_connector({"url": url.format(port=port), "timeout": 2}, data={})
    assert caught.value.retryable is False
    assert "internal address" in str(caught.value)
    assert server.calls == 0


@pytest.mark.usefixtures("no_allowed_networks")
def test_a_refused_address_names_the_setting(server):
    with pytest.raises(ConnectorError, match="HTTP_ALLOWED_NETWORKS names them"):
        http_connector({"url": server.url}, data={})


def test_an_address_the_settings_name_is_reached(settings, server):
    settings.HYPERCRM = {**settings.HYPERCRM, "HTTP_ALLOWED_NETWORKS": ["127.0.0.0/8"]}
    assert http_connector({"url": server.url}, data={}) == {"status": 200, "body": {"ok": 1}}


class _Redirect(BaseHTTPRequestHandler):
    target = ""

    def do_GET(self):  # noqa: N802 - http.server's naming
        self.send_response(302)
        self.send_header("Location", self.target)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_redirect_to_an_internal_address_is_refused(settings, server):
    # The redirecting host is allowed by name; where it sends the connector is not.
    settings.HYPERCRM = {**settings.HYPERCRM, "HTTP_ALLOWED_NETWORKS": ["localhost"]}
    _Redirect.target = server.url
    redirect = ThreadingHTTPServer(("127.0.0.1", 0), _Redirect)
    threading.Thread(target=redirect.serve_forever, daemon=True).start()
    try:
        url = f"http://localhost:{redirect.server_address[1]}/"
        with pytest.raises(ConnectorError, match="internal address"):
            http_connector({"url": url}, data={})
    finally:
        redirect.shutdown()
    assert server.calls == 0


def test_an_answer_above_the_limit_is_refused(settings, server):
    settings.HYPERCRM = {**settings.HYPERCRM, "HTTP_MAX_BODY_BYTES": 5}
    with pytest.raises(ConnectorError, match="more than the limit of 5 bytes"):
        http_connector({"url": server.url}, data={})


@pytest.mark.usefixtures("no_allowed_networks")
def test_a_diagram_fetching_the_servers_own_api_gets_an_incident(server):
    definition_deploy(
        file_name="http_call.bpmn",
        content=fixture_bytes("runtime/http_call.bpmn"),
        user=None,
        check_role=False,
    )
    port = server.httpd.server_address[1]
    instance = instance_start(
        definition_key="http_call",
        variables={"service_url": f"http://127.0.0.1:{port}/api/schema/"},
        user=make_user("runner", is_superuser=True),
    )
    instance = run_due_work(instance)

    assert instance.status == "error"
    assert "internal address" in Incident.objects.get(instance=instance).error
    assert "response" not in instance.variables
    assert server.calls == 0
