"""Numbers beyond 64 bits in a path or a filter name no record: 404 or 400, never a 500."""

import pytest
from django.test import Client

from tests.factories import make_user
from tests.processes.access.test_route_matrix import routes

pytestmark = pytest.mark.django_db
HUGE = str(2**70)
FILTERS = [
    "/api/sales-orders/?party=",
    "/api/invoices/?order=",
    "/api/stock-moves/?product=",
    "/api/deals/?stage=",
    "/api/tasks/?instance=",
    "/api/instances/?definition=sales&version=",
]


def test_every_route_with_a_number_in_its_path_answers_a_huge_one_without_a_500():
    client = Client()
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    asked = 0
    for template, _callback in routes():
        if "{pk}" not in template or template.startswith("admin/"):
            continue
        url = "/" + template.replace("{pk}", HUGE).replace("{action}", "cancel")
        for method in ("get", "post"):
            answer = getattr(client, method)(url)
            assert answer.status_code < 500, (method, url, answer.status_code)
            asked += 1
    assert asked > 40


@pytest.mark.parametrize("url", FILTERS)
def test_a_huge_number_in_a_filter_is_a_400_naming_it(url):
    client = Client()
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    answer = client.get(url + HUGE)
    assert answer.status_code == 400, answer.content
    name = url.rsplit("?", 1)[1].rsplit("&", 1)[-1].rstrip("=")
    assert name in answer.json()["errors"]
