"""One answer to "may this person act on this task": what a page offers is what the
services allow, and a service's 403 says the permission module's reason."""

import pytest
from django.db import transaction

from engine.exceptions import EngineError, Forbidden
from engine.models import HumanTask
from engine.services import permissions
from engine.services.delegation import task_assign, task_delegate, task_resolve
from engine.services.instances import instance_start
from engine.services.tasks import task_claim, task_complete, task_unclaim
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.django_db

GOOD = {"customer": "ACME", "quantity": 200, "price": 10}


class _Undo(Exception):
    pass


def _attempt(call) -> EngineError | None:
    """The service's answer, with everything it wrote rolled back."""
    try:
        with transaction.atomic():
            call()
            raise _Undo
    except _Undo:
        return None
    except EngineError as exc:
        return exc


@pytest.fixture
def people():
    deploy_fixture()
    return {
        "alice": make_user("alice", "sales"),
        "sam": make_user("sam", "sales"),
        "lea": make_user("lea", "sales", "leads"),
        "bob": make_user("bob", "warehouse"),
        "mia": make_user("mia", "managers"),
        "root": make_user("root", is_superuser=True),
    }


def _task(people, state: str) -> HumanTask:
    instance = instance_start(definition_key="order_approval", user=people["alice"])
    task = HumanTask.objects.get(instance=instance)
    if state in ("claimed", "delegated"):
        task_claim(task_id=task.pk, user=people["alice"])
    if state == "delegated":
        task_delegate(task_id=task.pk, user=people["alice"], to="sam")
    return HumanTask.objects.get(pk=task.pk)


ACTIONS = {
    "claim": (permissions.may_claim, lambda t, u: task_claim(task_id=t.pk, user=u)),
    "unclaim": (permissions.may_unclaim, lambda t, u: task_unclaim(task_id=t.pk, user=u)),
    "complete": (
        permissions.may_complete,
        lambda t, u: task_complete(task_id=t.pk, user=u, data=GOOD),
    ),
    "assign": (permissions.may_assign, lambda t, u: task_assign(task_id=t.pk, user=u, to="lea")),
    "delegate": (
        permissions.may_delegate,
        lambda t, u: task_delegate(task_id=t.pk, user=u, to="bob"),
    ),
    "resolve": (permissions.may_resolve, lambda t, u: task_resolve(task_id=t.pk, user=u)),
}
REFUSALS = {
    "claim": permissions.claim_refusal,
    "unclaim": permissions.unclaim_refusal,
    "complete": permissions.complete_refusal,
    "assign": permissions.assign_refusal,
    "delegate": permissions.delegate_refusal,
    "resolve": permissions.resolve_refusal,
}


@pytest.mark.parametrize("state", ["open", "claimed", "delegated"])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_what_a_page_offers_the_service_allows_and_a_403_gives_the_reason(people, state, action):
    may, call = ACTIONS[action]
    task = _task(people, state)
    offered = []
    for name, user in people.items():
        answer = _attempt(lambda u=user: call(task, u))
        if may(user, task):
            offered.append(name)
            assert answer is None, f"{name} is offered to {action} a {state} task: {answer}"
        if isinstance(answer, Forbidden):
            assert not may(user, task)
            assert answer.message == REFUSALS[action](user, task)
    assert HumanTask.objects.get(pk=task.pk).status == task.status  # all rolled back
    if action == "claim" and state == "open":
        assert set(offered) == {"alice", "sam", "lea", "root"}
    if action == "resolve" and state == "delegated":
        assert offered == ["sam"]


def test_candidate_rows_index_the_tasks_groups_and_users(people):
    task = _task(people, "open")
    task.candidate_users = ["bob"]
    rows = permissions.candidate_rows(task)
    assert [(r.kind, r.name, r.priority) for r in rows] == [
        ("group", "sales", task.priority),
        ("user", "bob", task.priority),
    ]
    assert sorted(task.candidates.values_list("kind", "name")) == [("group", "sales")]
