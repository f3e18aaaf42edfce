"""The audit log's request context (processes/audit/middleware.py) against the library's own
middleware: the same rows, nothing left behind after a request."""

from decimal import Decimal

import pytest
from auditlog.context import auditlog_value
from auditlog.models import LogEntry
from django.conf import settings
from django.db.models.signals import pre_save
from django.test import Client, override_settings
from rest_framework.authtoken.models import Token

from processes.catalog.models import Product
from tests.processes.factories import make_product

pytestmark = pytest.mark.django_db

OURS = "processes.audit.middleware.AuditRequestMiddleware"
LIBRARYS = "auditlog.middleware.AuditlogMiddleware"
HEADERS = {
    "REMOTE_ADDR": "10.1.2.3",
    "HTTP_X_FORWARDED_FOR": "203.0.113.7, 10.1.2.3",
    "HTTP_X_FORWARDED_PORT": "4431",
    "HTTP_X_CORRELATION_ID": "req-42",
}
FIELDS = ("actor_id", "actor_email", "remote_addr", "remote_port", "cid", "action", "changes")


def _rename(client: Client, product: Product, name: str):
    answer = client.patch(
        f"/api/products/{product.pk}/", {"name": name}, content_type="application/json", **HEADERS
    )
    assert answer.status_code == 200, answer.content
    entry = LogEntry.objects.get_for_object(product).order_by("-pk").first()
    return {field: getattr(entry, field) for field in FIELDS}


def test_a_change_is_logged_as_the_librarys_middleware_logs_it(people):
    assert OURS in settings.MIDDLEWARE and LIBRARYS not in settings.MIDDLEWARE
    desk = make_product("DESK", name="Desk", list_price=Decimal("10.00"))
    lamp = make_product("LAMP", name="Desk", list_price=Decimal("10.00"))
    client = Client()
    client.force_login(people.erin)
    ours = _rename(client, desk, "Oak desk")
    librarys_middleware = [LIBRARYS if m == OURS else m for m in settings.MIDDLEWARE]
    with override_settings(MIDDLEWARE=librarys_middleware):
        librarys = _rename(client, lamp, "Oak desk")
    assert ours == librarys
    assert ours["actor_id"] == people.erin.pk
    where = (ours["remote_addr"], ours["remote_port"], ours["cid"])
    assert where == ("203.0.113.7", 4431, "req-42")


def test_an_api_tokens_person_is_named_through_the_requests_context(people):
    desk = make_product("CHAIR", name="Chair", list_price=Decimal("10.00"))
    token = Token.objects.create(user=people.olga)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert _rename(client, desk, "Oak chair")["actor_id"] == people.olga.pk


def test_a_request_leaves_no_receiver_and_no_value_behind(people):
    desk = make_product("SHELF", name="Shelf", list_price=Decimal("10.00"))
    receivers = len(pre_save.receivers)
    before = auditlog_value.get(None)
    client = Client()
    client.force_login(people.erin)
    assert _rename(client, desk, "Oak shelf")["actor_id"] == people.erin.pk
    assert len(pre_save.receivers) == receivers
    assert auditlog_value.get(None) is before
    # A change made after the request, outside any, is nobody's.
    desk.name = "Pine shelf"
    desk.save()
    newest = LogEntry.objects.get_for_object(desk).order_by("-pk").first()
    assert newest.changes_dict["name"] == ["Oak shelf", "Pine shelf"]
    assert (newest.actor_id, newest.remote_addr, newest.cid) == (None, None, None)
