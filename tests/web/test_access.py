"""Every page answers for the groups that may see it and 403s or redirects the others."""

import pytest

from engine.models import Incident
from engine.services.instances import instance_start
from tests.factories import deploy_fixture

ALL = {"alice", "bob", "erin", "olga", "admin"}
PROCESS_VIEWERS = {"olga", "erin", "admin"}
MODELERS = {"olga", "admin"}
MANAGERS = {"erin", "admin"}


def pages(order):
    return {
        "/inbox/": ALL,
        "/processes/": PROCESS_VIEWERS,
        "/processes/order_approval/": PROCESS_VIEWERS,
        "/processes/order_approval/bpmn/": PROCESS_VIEWERS,
        "/processes/order_approval/modeler/": MODELERS,
        "/modeler/new/": MODELERS,
        "/monitor/": MANAGERS,
        f"/monitor/instances/{order.pk}/": MANAGERS,
        "/dashboard/": MANAGERS,
    }


@pytest.mark.parametrize("username", sorted(ALL))
def test_each_page_answers_its_groups_and_refuses_the_others(login, users, order, username):
    client = login(users[username])
    for url, allowed in pages(order).items():
        response = client.get(url)
        expected = 200 if username in allowed else 403
        assert response.status_code == expected, (url, username, response.status_code)


def test_anonymous_visitors_are_sent_to_the_login_page(client, order, order_task):
    for url in [*pages(order), f"/tasks/{order_task.pk}/", "/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/?next="), url


def test_task_page_is_for_its_candidates_assignee_and_managers(login, users, order_task):
    for username, status in [("alice", 200), ("bob", 403), ("erin", 200), ("admin", 200)]:
        assert login(users[username]).get(f"/tasks/{order_task.pk}/").status_code == status
    assert login(users["alice"]).get("/tasks/999999/").status_code == 404


def test_posts_are_refused_to_other_groups(login, users, order, order_task):
    deploy_fixture("script_failure")
    failed = instance_start(definition_key="script_failure", variables={"amount": 1, "parts": 0})
    incident = Incident.objects.get(instance=failed)
    bob = login(users["bob"])
    assert bob.post(f"/tasks/{order_task.pk}/claim/").status_code == 403
    assert bob.post(f"/tasks/{order_task.pk}/", {"f.customer": "x"}).status_code == 403
    alice = login(users["alice"])
    assert alice.post(f"/monitor/instances/{order.pk}/cancel/").status_code == 403
    assert alice.post(f"/monitor/incidents/{incident.pk}/retry/").status_code == 403
    erin = login(users["erin"])
    for url in ("/modeler/validate/", "/modeler/deploy/"):
        assert erin.post(url, "{}", content_type="application/json").status_code == 403
    order.refresh_from_db()
    assert order.status == "running"


def test_navigation_shows_what_each_group_may_open(login, users, db):
    expected = {
        "alice": ["Inbox"],
        "olga": ["Inbox", "Processes"],
        "erin": ["Inbox", "Processes", "Monitor", "Dashboard"],
        "admin": ["Inbox", "Processes", "Monitor", "Dashboard"],
    }
    for username, labels in expected.items():
        html = login(users[username]).get("/inbox/").content.decode()
        nav = html.split('<nav class="nav"', 1)[1].split("</nav>", 1)[0]
        shown = [label for label in ("Inbox", "Processes", "Monitor", "Dashboard") if label in nav]
        assert shown == labels, username


def test_start_page_depends_on_the_groups(login, users, db):
    for username, target in [
        ("alice", "/inbox/"),
        ("olga", "/processes/"),
        ("erin", "/dashboard/"),
        ("admin", "/dashboard/"),
    ]:
        assert login(users[username]).get("/")["Location"] == target


def test_login_and_logout(client, users):
    page = client.get("/login/")
    assert page.status_code == 200
    bad = client.post("/login/", {"username": "alice", "password": "wrong"})
    assert bad.status_code == 200
    assert b"form-errors" in bad.content
    good = client.post("/login/", {"username": "alice", "password": "pw-for-tests"})
    assert good["Location"] == "/"
    assert client.get("/inbox/").status_code == 200
    assert client.post("/logout/")["Location"] == "/login/"
    assert client.get("/inbox/").status_code == 302
