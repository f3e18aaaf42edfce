"""Every write of an instance bumps its revision, through one helper: a step, and each
service that changes an instance outside a step (services/revision.py)."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

from engine.models import HumanTask, ProcessInstance
from engine.runtime import hot
from engine.runtime.caches import HOT
from engine.services import revision
from engine.services.delegation import task_assign
from engine.services.instances import (
    instance_cancel,
    instance_resume,
    instance_start,
    instance_suspend,
)
from engine.services.tasks import task_claim, task_complete, task_unclaim
from tests.factories import deploy_fixture, make_user

pytestmark = pytest.mark.django_db

REPO = Path(settings.BASE_DIR)
PRODUCT = ["engine", "processes", "web", "api", "workers", "operations", "forms"]
GOOD = {"customer": "ACME", "quantity": 200, "price": 10}


def _writes_of_revision(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        elif isinstance(node, ast.Call) and any(k.arg == "revision" for k in node.keywords):
            lines.append(node.lineno)  # .update(revision=…), .create(revision=…)
        written = [t for t in targets if isinstance(t, ast.Attribute) and t.attr == "revision"]
        lines += [t.lineno for t in written]
    return lines


def test_only_the_helper_writes_an_instances_revision():
    found = []
    for folder in PRODUCT:
        for path in (REPO / folder).rglob("*.py"):
            if path == Path(revision.__file__) or "migrations" in path.parts:
                continue
            for line in _writes_of_revision(ast.parse(path.read_text(), str(path))):
                found.append(f"{path.relative_to(REPO)}:{line}")
    assert found == [], "bump it with engine.services.revision.bump_revision: " + ", ".join(found)


def test_the_scanner_sees_each_way_of_writing_it():
    tree = ast.parse(
        "i.revision += 1\ni.revision = 2\nQ.update(revision=F('revision') + 1)\nx = i.revision\n"
    )
    assert _writes_of_revision(tree) == [1, 2, 3]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service with its on-commit work done (the kept workflow is put back then)."""

    def run(call):
        with django_capture_on_commit_callbacks(execute=True):
            return call()

    return run


@pytest.fixture
def started(committed):
    deploy_fixture()
    alice = make_user("alice", "sales")
    instance = committed(lambda: instance_start(definition_key="order_approval", user=alice))
    return alice, instance, HumanTask.objects.get(instance=instance)


def _revision(instance) -> int:
    return ProcessInstance.objects.get(pk=instance.pk).revision


def _kept_revision(instance) -> int | None:
    entry = HOT.get(instance.pk)
    return entry[0] if entry is not None else None


@pytest.mark.parametrize(
    "change",
    [
        lambda i, u: instance_suspend(instance_id=i.pk, user=u),
        lambda i, u: (
            instance_suspend(instance_id=i.pk, user=u),
            instance_resume(instance_id=i.pk, user=u),
        ),
        lambda i, u: instance_cancel(instance_id=i.pk, user=u),
    ],
    ids=["suspend", "suspend and resume", "cancel"],
)
def test_a_change_outside_a_step_bumps_the_revision_and_drops_the_kept_workflow(started, change):
    alice, instance, _task = started
    before = _revision(instance)
    assert _kept_revision(instance) == before  # the start's step kept its workflow
    result = change(instance, alice)
    bumps = len(result) if isinstance(result, tuple) else 1
    assert _revision(instance) == before + bumps
    stored = ProcessInstance.objects.get(pk=instance.pk)
    assert hot.take(instance.pk, stored.revision, stored.definition_id) is None


def test_a_step_bumps_it_once_and_keeps_its_workflow_for_that_revision(started, committed):
    alice, instance, task = started
    before = _revision(instance)
    committed(lambda: task_complete(task_id=task.pk, user=alice, data=GOOD))
    assert _revision(instance) == before + 1
    assert _kept_revision(instance) == before + 1


def test_claiming_reassigning_and_giving_back_leave_it(started, committed):
    alice, instance, task = started
    make_user("sam", "sales")
    manager = make_user("mia", "managers")
    before = _revision(instance)
    task_claim(task_id=task.pk, user=alice)
    task_assign(task_id=task.pk, user=manager, to="sam")
    task_assign(task_id=task.pk, user=manager, to="alice")
    task_unclaim(task_id=task.pk, user=alice)
    assert _revision(instance) == before
    assert HumanTask.objects.get(pk=task.pk).status == "open"
    assert _kept_revision(instance) == before  # the kept workflow still fits
    committed(lambda: task_complete(task_id=task.pk, user=alice, data=GOOD))
    assert _revision(instance) == before + 1
