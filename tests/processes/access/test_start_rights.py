"""An administrator chooses which processes a group starts by hand (rights page, API)."""

from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.conf import settings as django_settings
from django.core.management import call_command

from engine.models import GroupStartRights, ProcessInstance
from tests.processes.access.sessions import signed_in as page

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped(db, settings):
    product_forms = django_settings.BASE_DIR / "forms" / "schemas"
    settings.HYPERCRM = {**settings.HYPERCRM, "FORMS_DIR": product_forms}
    call_command("deploy_processes", stdout=StringIO())


def startable(api, user) -> set[str]:
    fresh = type(user).objects.get(pk=user.pk)  # as each request reads the person afresh
    return {d["key"] for d in api(fresh).get("/api/definitions/?startable=true").json()}


def test_the_admin_lets_sales_request_purchases_and_no_longer_start_orders(
    admin, people, api, shipped
):  # fmt: skip
    assert "sales" in startable(api, people.alice)
    assert "procurement" not in startable(api, people.alice)
    carol_starts = startable(api, people.carol)
    assert carol_starts
    sales = people.alice.groups.get()
    rights_page = page(admin).get("/rights/").content.decode()
    assert "Processes its members start by hand" in rights_page
    assert "As the diagrams name their starters" in rights_page

    form = {"group": sales.pk, "customers": ["read"], "start_shown": "1", "start": ["procurement"]}
    saved = page(admin).post("/rights/", form, follow=True)
    assert "The rights of sales are saved." in saved.content.decode()

    assert startable(api, people.alice) == {"procurement"}
    alice = type(people.alice).objects.get(pk=people.alice.pk)
    refused = api(alice).post("/api/definitions/sales/start/", {}, format="json")
    assert refused.status_code == 403
    started = api(alice).post("/api/definitions/procurement/start/", {}, format="json")
    assert started.status_code == 201
    assert startable(api, people.carol) == carol_starts  # other groups: as the diagrams say
    entry = LogEntry.objects.get_for_model(GroupStartRights).get()
    assert entry.actor == admin and "procurement" in str(entry.changes)
    listed = {row["group"]: row for row in api(admin).get("/api/rights/").json()}
    assert listed["sales"]["start"] == ["procurement"] and not listed["sales"]["start_shipped"]
    assert listed["managers"]["start_shipped"]

    # Back to the diagrams.
    form = {"group": sales.pk, "start_shown": "1", "start_from_diagrams": "1"}
    page(admin).post("/rights/", form)
    assert not GroupStartRights.objects.exists()
    assert "sales" in startable(api, people.alice)


def test_an_unknown_process_is_refused_by_name_and_nothing_changes(admin, people, api, shipped):
    before = api(admin).get("/api/rights/").json()
    body = {"rights": {"stock": ["read"]}, "start": ["sales", "no_such_process"]}
    answer = api(admin).put("/api/rights/sales/", body)
    assert answer.status_code == 400
    assert "no_such_process" in str(answer.json())
    assert api(admin).get("/api/rights/").json() == before  # neither rights nor starts
    assert not GroupStartRights.objects.exists()
    for wrong in ("sales", [1, 2]):
        answer = api(admin).put("/api/rights/sales/", {"rights": {}, "start": wrong})
        assert answer.status_code == 400 and "list of process keys" in str(answer.json())


def test_only_an_administrator_chooses(people, api, shipped):
    answer = api(people.erin).put("/api/rights/sales/", {"rights": {}, "start": ["sales"]})
    assert answer.status_code == 403
    assert not GroupStartRights.objects.exists()
    assert ProcessInstance.objects.count() == 0
