"""The inbox's "New …" menu: start a case and land on its first task."""

from engine.models import HumanTask, ProcessInstance
from tests.factories import deploy_fixture


def test_inbox_offers_what_i_may_start(login, users, db):
    deploy_fixture()
    html = login(users["alice"]).get("/inbox/").content.decode()
    assert "New …" in html
    assert 'action="/start/order_approval/"' in html
    assert "/start/order_approval/" not in login(users["bob"]).get("/inbox/").content.decode()


def test_new_opens_the_first_task_claimed_by_me(login, users, db):
    deploy_fixture()
    response = login(users["alice"]).post("/start/order_approval/")
    task = HumanTask.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/tasks/{task.pk}/"
    assert task.assignee == users["alice"]
    page = login(users["alice"]).get(response["Location"])
    assert "has started" in page.content.decode()


def test_someone_the_diagram_does_not_name_starts_nothing(login, users, db):
    deploy_fixture()
    response = login(users["bob"]).post("/start/order_approval/", follow=True)
    assert "may not start" in response.content.decode()
    assert not ProcessInstance.objects.exists()


def test_start_is_post_only(login, users, db):
    deploy_fixture()
    assert login(users["alice"]).get("/start/order_approval/").status_code == 405
    assert not ProcessInstance.objects.exists()
