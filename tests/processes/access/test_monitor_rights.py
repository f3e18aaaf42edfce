"""An administrator chooses which processes' cases a group monitors (rights page, API):
the monitor, the instance pages and /api/instances/ (history, incidents) follow."""

import pytest
from auditlog.models import LogEntry

from engine.models import GroupMonitorRights, Incident
from engine.services.instances import instance_start
from tests.factories import deploy_fixture
from tests.processes.access.sessions import signed_in as page
from web.templatetags.web import watches

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(db):
    deploy_fixture()
    deploy_fixture("script_failure")
    order = instance_start(definition_key="order_approval", business_key="SO-1")
    failed = instance_start(
        definition_key="script_failure", business_key="SPLIT-1", variables={"amount": 1, "parts": 0}
    )
    assert failed.status == "error"
    return order, failed


def fresh(user):
    return type(user).objects.get(pk=user.pk)  # as each request reads the person afresh


def seen(api, user) -> set[int]:
    return {row["id"] for row in api(fresh(user)).get("/api/instances/").json()["results"]}


def monitor_of(api, admin, group: str, keys) -> object:
    """PUT the group's rights as they are, with `keys` as the processes it monitors."""
    rights = {row["group"]: row for row in api(admin).get("/api/rights/").json()}[group]
    return api(admin).put(f"/api/rights/{group}/", {"rights": rights["rights"], "monitor": keys})


def test_the_warehouse_monitors_the_failing_process_and_nothing_else(admin, people, api, cases):
    order, failed = cases
    assert seen(api, people.bob) == set()
    assert page(people.bob).get("/monitor/").status_code == 403
    assert seen(api, people.erin) == {order.pk, failed.pk}  # managers: every process

    answer = monitor_of(api, admin, "warehouse", ["script_failure"])
    assert answer.status_code == 200
    assert answer.json()["monitor"] == ["script_failure"] and not answer.json()["monitor_shipped"]

    bob = fresh(people.bob)
    assert seen(api, bob) == {failed.pk}
    assert api(bob).get(f"/api/instances/{failed.pk}/").status_code == 200
    assert api(bob).get(f"/api/instances/{failed.pk}/history/").status_code == 200
    assert api(bob).get(f"/api/instances/{order.pk}/").status_code == 404
    assert api(bob).get(f"/api/instances/{order.pk}/history/").status_code == 404
    incidents = api(bob).get("/api/incidents/").json()["results"]
    assert {row["instance"] for row in incidents} == {failed.pk}
    monitor = page(bob).get("/monitor/")
    assert monitor.status_code == 200
    assert [i.pk for i in monitor.context["page"].object_list] == [failed.pk]
    assert "Change the 1 instance shown" not in monitor.content.decode()  # managers only
    assert [key for key, _ in monitor.context["choices"]["processes"]] == ["script_failure"]
    shown = page(bob).get(f"/monitor/instances/{failed.pk}/")
    assert shown.status_code == 200 and "SPLIT-1" in shown.content.decode()
    assert "Cancel instance" not in shown.content.decode()  # steering stays the managers'
    assert page(bob).post(f"/monitor/instances/{failed.pk}/cancel/").status_code == 403
    assert page(bob).get(f"/monitor/instances/{order.pk}/").status_code == 404
    assert "/monitor/" in page(bob).get("/inbox/").content.decode()  # in his menu now
    assert page(bob).get("/dashboard/").status_code == 403  # the dashboard stays managers'

    entry = LogEntry.objects.get_for_model(GroupMonitorRights).get()
    assert "script_failure" in str(entry.changes)


def test_managers_limited_to_orders_no_longer_see_the_failing_case(admin, people, api, cases):
    order, failed = cases
    assert monitor_of(api, admin, "managers", ["order_approval"]).status_code == 200
    erin = fresh(people.erin)
    assert seen(api, erin) == {order.pk}
    assert api(erin).get(f"/api/instances/{failed.pk}/").status_code == 404
    incident = Incident.objects.get(instance=failed)
    assert api(erin).post(f"/api/incidents/{incident.pk}/retry/").status_code == 404
    assert api(erin).post(f"/api/instances/{failed.pk}/cancel/").status_code == 404
    assert api(erin).get("/api/incidents/").json()["results"] == []
    assert page(erin).get(f"/monitor/instances/{failed.pk}/").status_code == 404
    assert page(erin).post(f"/monitor/instances/{failed.pk}/cancel/").status_code == 404
    failed.refresh_from_db()
    assert failed.status == "error"  # not cancelled
    batch = api(erin).post("/api/batches/", {"operation": "cancel", "instances": [failed.pk]})
    assert batch.status_code == 400 and str(failed.pk) in str(batch.json())

    # Back to the default: every process again.
    assert monitor_of(api, admin, "managers", None).json()["monitor_shipped"]
    assert not GroupMonitorRights.objects.exists()
    assert seen(api, people.erin) == {order.pk, failed.pk}


def test_her_own_cases_stay_visible_without_monitoring_rights(admin, people, api, cases):
    mine = instance_start(definition_key="order_approval", business_key="SO-2", user=people.bob)
    assert seen(api, people.bob) == {mine.pk}
    assert page(people.bob).get("/monitor/").status_code == 403  # monitors no process


def test_an_unknown_process_is_refused_by_name_and_nothing_changes(admin, people, api, cases):
    before = api(admin).get("/api/rights/").json()
    answer = monitor_of(api, admin, "warehouse", ["script_failure", "no_such_process"])
    assert answer.status_code == 400 and "no_such_process" in str(answer.json())
    for wrong in ("script_failure", [1]):
        answer = monitor_of(api, admin, "warehouse", wrong)
        assert answer.status_code == 400 and "list of process keys" in str(answer.json())
    assert api(admin).get("/api/rights/").json() == before
    assert not GroupMonitorRights.objects.exists()
    assert seen(api, people.bob) == set()


def test_only_an_administrator_chooses(people, api, cases):
    answer = api(people.erin).put("/api/rights/warehouse/", {"rights": {}, "monitor": []})
    assert answer.status_code == 403
    assert not GroupMonitorRights.objects.exists()


def test_the_rights_page_sets_and_gives_back_the_default(admin, people, api, cases):
    order, failed = cases
    warehouse = people.bob.groups.get()
    shown = page(admin).get("/rights/").content.decode()
    assert "Processes whose cases its members monitor" in shown
    # Saving as shown keeps the default (no list is fixed).
    form = {"group": warehouse.pk, "stock": ["read", "write"], "monitor_shown": "1"}
    assert page(admin).post("/rights/", form).status_code == 302
    assert not GroupMonitorRights.objects.exists()
    form["monitor"] = ["order_approval"]
    saved = page(admin).post("/rights/", form, follow=True)
    assert "The rights of warehouse are saved." in saved.content.decode()
    assert seen(api, people.bob) == {order.pk}
    entry = LogEntry.objects.get_for_model(GroupMonitorRights).get()
    assert entry.actor == admin and "order_approval" in str(entry.changes)
    assert "As an administrator chose them; besides these" in saved.content.decode()
    page(admin).post("/rights/", {**form, "monitor_default": "1"})
    assert not GroupMonitorRights.objects.exists()
    assert seen(api, people.bob) == set()


def test_links_to_a_case_follow_the_monitor_rights(admin, people, api, cases):
    order, failed = cases
    assert watches(people.erin, failed) and not watches(people.bob, failed)
    monitor_of(api, admin, "warehouse", ["script_failure"])
    monitor_of(api, admin, "managers", ["order_approval"])
    bob, erin = fresh(people.bob), fresh(people.erin)
    assert watches(bob, failed) and not watches(bob, order)
    assert watches(erin, order) and not watches(erin, failed)


def test_managers_limited_to_one_process_see_its_tasks_and_totals_only(admin, people, api, cases):
    order, failed = cases

    def tasks(user) -> set[int]:
        rows = api(fresh(user)).get("/api/tasks/?scope=all&status=open").json()["results"]
        return {row["instance"] for row in rows}

    def totals(user) -> dict:
        return page(fresh(user)).get("/dashboard/").context["totals"]

    assert tasks(people.erin) == {order.pk}
    assert totals(people.erin) == {"open": 1, "overdue": 0, "running": 1, "incidents": 1}

    assert monitor_of(api, admin, "managers", ["script_failure"]).status_code == 200
    assert tasks(people.erin) == set()
    task = order.tasks.get()
    assert api(fresh(people.erin)).get(f"/api/tasks/{task.pk}/").status_code == 404
    # The failing case only.
    assert totals(people.erin) == {"open": 0, "overdue": 0, "running": 0, "incidents": 1}
    groups = page(fresh(people.erin)).get("/dashboard/").context["groups"]
    assert groups == []

    # The person working the order still sees it; the default gives erin everything back.
    assert order.pk in {
        row["instance"]
        for row in api(people.alice).get("/api/tasks/?scope=all&status=open").json()["results"]
    }
    monitor_of(api, admin, "managers", None)
    assert tasks(people.erin) == {order.pk}
