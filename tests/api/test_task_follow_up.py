"""POST /api/tasks/{id}/follow-up/: the assignee (or a candidate of an unclaimed task, a
manager) sets or clears when to follow the task up; others are refused, nothing changes."""

import pytest

from engine.models import HumanTask
from engine.services.instances import instance_start
from engine.services.tasks import task_claim, task_complete
from tests.factories import deploy_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(people):
    deploy_fixture()
    instance = instance_start(definition_key="order_approval", user=people.alice)
    return HumanTask.objects.get(instance=instance)


def _url(task):
    return f"/api/tasks/{task.pk}/follow-up/"


def test_a_candidate_sets_and_clears_the_follow_up(api, people, task):
    answer = api(people.alice).post(
        _url(task), {"follow_up_at": "2030-01-15T09:00:00+01:00"}, format="json"
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["follow_up_at"].startswith("2030-01-15T")
    task.refresh_from_db()
    assert task.follow_up_at.isoformat() == "2030-01-15T08:00:00+00:00"
    cleared = api(people.alice).post(_url(task), {"follow_up_at": None}, format="json")
    assert cleared.status_code == 200 and cleared.json()["follow_up_at"] is None


def test_refusals_name_the_reason_and_change_nothing(api, people, task):
    stranger = api(people.bob).post(_url(task), {"follow_up_at": None}, format="json")
    assert stranger.status_code == 403
    bad = api(people.alice).post(_url(task), {"follow_up_at": "next week"}, format="json")
    assert bad.status_code == 400 and "follow_up_at" in bad.json()["errors"]
    assert api(people.alice).post(_url(task), {}, format="json").status_code == 400
    task_claim(task_id=task.pk, user=people.alice)
    # Claimed by alice: a colleague of her group no longer moves it; a manager does.
    from tests.factories import make_user

    sam = make_user("sam", "sales")
    refused = api(sam).post(_url(task), {"follow_up_at": None}, format="json")
    assert refused.status_code == 403 and "assigned to" in refused.json()["detail"]
    manager = api(people.erin).post(
        _url(task), {"follow_up_at": "2030-01-15T09:00:00Z"}, format="json"
    )
    assert manager.status_code == 200
    task_complete(
        task_id=task.pk, user=people.alice, data={"customer": "A", "quantity": 1, "price": 1}
    )
    ended = api(people.alice).post(_url(task), {"follow_up_at": None}, format="json")
    assert ended.status_code == 409
    task.refresh_from_db()
    assert task.follow_up_at is not None
