"""Process list, one process with its versions, heatmap and task times, BPMN download."""

from datetime import timedelta

from engine.models import HumanTask
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from engine.services.tasks import task_complete
from profiles.services import set_language
from tests.factories import deploy_fixture, fixture_bytes


def test_list_shows_latest_version_versions_and_deployer(login, users, order):
    changed = fixture_bytes("order_approval.bpmn").replace(b"* price", b"* price * 1")
    definition_deploy(file_name="order_approval.bpmn", content=changed, user=users["olga"])
    response = login(users["erin"]).get("/processes/")
    [row] = response.context["rows"]
    assert (row.latest.version, row.versions, row.running) == (2, 2, 1)
    html = response.content.decode()
    assert "olga" in html
    assert "New process" not in html  # managers may look, not model
    assert "New process" in login(users["olga"]).get("/processes/").content.decode()


def test_empty_list_tells_what_to_do(login, users, db):
    html = login(users["olga"]).get("/processes/").content.decode()
    assert "No process is deployed yet" in html
    assert "/modeler/new/" in html


def test_detail_has_the_diagram_heatmap_and_average_task_time(login, users, order, order_task):
    second = instance_start(definition_key="order_approval", business_key="SO-2")
    instance_start(definition_key="order_approval", business_key="SO-3")
    task = HumanTask.objects.get(instance=second)
    task_complete(
        task_id=task.pk, user=users["alice"], data={"customer": "X", "quantity": 50, "price": 100}
    )
    HumanTask.objects.filter(pk=task.pk).update(ended_at=task.created_at + timedelta(minutes=30))
    response = login(users["erin"]).get("/processes/order_approval/")
    assert response.status_code == 200
    heat = response.context["heat"]
    assert heat["counts"] == {"enter_order": 2, "approve_order": 1}
    assert heat["durations"] == {"enter_order": 1800.0}
    html = response.content.decode()
    assert 'id="diagram-xml"' in html and 'id="diagram-heat"' in html
    assert "30 min" in html
    assert "Approve order" in html


def test_detail_of_an_older_version_and_unknown_ones(login, users, order):
    changed = fixture_bytes("order_approval.bpmn").replace(b"* price", b"* price * 1")
    definition_deploy(file_name="order_approval.bpmn", content=changed, user=users["olga"])
    erin = login(users["erin"])
    response = erin.get("/processes/order_approval/?version=1")
    assert response.context["definition"].version == 1
    assert response.context["heat"]["counts"] == {"enter_order": 1}
    assert "not the latest" in response.content.decode()
    assert erin.get("/processes/order_approval/").context["heat"]["counts"] == {}
    assert erin.get("/processes/order_approval/?version=7").status_code == 404
    assert erin.get("/processes/nothing/").status_code == 404


def test_bpmn_download(login, users, db):
    deploy_fixture()
    response = login(users["olga"]).get("/processes/order_approval/bpmn/?version=1")
    assert response["Content-Type"].startswith("application/xml")
    assert response["Content-Disposition"] == 'attachment; filename="order_approval-v1.bpmn"'
    assert b'id="order_approval"' in response.content


def test_versions_show_who_deployed_them_and_why(login, users, order):
    olga = users["olga"]
    olga.first_name, olga.last_name = "Olga", "Petrova"
    olga.save()
    changed = fixture_bytes("order_approval.bpmn").replace(b"* price", b"* price * 1")
    definition_deploy(
        file_name="order_approval.bpmn",
        content=changed,
        user=olga,
        comment="Prices are multiplied by one <for now>",
    )
    html = login(users["erin"]).get("/processes/order_approval/").content.decode()
    assert "Olga Petrova" in html
    assert "Prices are multiplied by one &lt;for now&gt;" in html
    assert "<time datetime=" in html and "data-local" in html


def test_the_heatmap_and_task_times_speak_russian(login, users, order, order_task):
    second = instance_start(definition_key="order_approval", business_key="SO-2")
    task = HumanTask.objects.get(instance=second)
    task_complete(
        task_id=task.pk, user=users["alice"], data={"customer": "X", "quantity": 50, "price": 100}
    )
    took = timedelta(hours=3, minutes=20)
    HumanTask.objects.filter(pk=task.pk).update(ended_at=task.created_at + took)
    set_language(users["erin"], "ru")
    response = login(users["erin"]).get("/processes/order_approval/")
    heat = response.context["heat"]
    assert heat["count_titles"] == {"enter_order": "1 ждёт здесь", "approve_order": "1 ждёт здесь"}
    assert heat["duration_texts"] == {"enter_order": "3 ч 20 мин"}
    assert heat["duration_title"] == "Среднее время от создания до завершения"
    assert "3 ч 20 мин" in response.content.decode()  # the task times' table
