"""Timers as SpiffArena writes them: the expression computes a timedelta or a datetime."""

import time
from datetime import UTC, datetime, timedelta

import pytest

from engine.models import HumanTask, Incident, Timer
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from engine.services.sweep import due_instance_ids
from tests.factories import FIXTURES, run_due_work

pytestmark = pytest.mark.django_db


def _deploy(name: str):
    path = FIXTURES / "spiffarena" / name
    return definition_deploy(
        file_name=path.name, content=path.read_bytes(), user=None, check_role=False
    ).definitions


def _due_in(timer: Timer) -> float:
    return (timer.due_at - datetime.now(UTC)).total_seconds()


def test_a_timedelta_and_a_datetime_each_make_the_timer_wait_then_fire(runner):
    _deploy("timers.bpmn")
    instance = instance_start(
        definition_key="Process_follow_up_r8w1c", user=runner, variables={"wait_seconds": 1}
    )
    [delay] = Timer.objects.filter(instance=instance)
    assert delay.element_id == "Event_wait_delay"
    assert 0 < _due_in(delay) <= 1
    assert run_due_work(instance).active == ["Event_wait_delay"]  # not due yet

    time.sleep(1.1)
    assert instance.pk in due_instance_ids()
    instance = run_due_work(instance)
    assert instance.variables["first_wait_over"] is True
    [until] = Timer.objects.filter(instance=instance)
    assert until.element_id == "Event_wait_until"
    assert 0 < _due_in(until) <= 1
    assert instance.active == ["Event_wait_until"]

    time.sleep(1.1)
    instance = run_due_work(instance)
    assert instance.active == ["Activity_call"]
    assert HumanTask.objects.get(instance=instance).name == "Call the customer"
    assert not Timer.objects.filter(instance=instance).exists()
    assert not Incident.objects.filter(instance=instance).exists()


def test_a_timedelta_longer_than_the_bound_is_an_incident_not_a_wait(runner):
    _deploy("timers.bpmn")
    instance = instance_start(
        definition_key="Process_follow_up_r8w1c",
        user=runner,
        variables={"wait_seconds": 200 * 366 * 86400},
    )
    [incident] = Incident.objects.filter(instance=instance)
    assert incident.element_id == "Event_wait_delay"
    assert "longer than 100 years" in incident.error
    assert not Timer.objects.filter(instance=instance).exists()


def test_a_start_timer_cycle_of_a_timedelta_is_scheduled_at_deploy():
    _deploy("timer_start.bpmn")
    timer = Timer.objects.get(kind="start")
    assert timer.element_id == "StartEvent_hourly"
    assert timer.interval_s == 3600 and timer.cycles_left == -1
    assert abs(_due_in(timer) - 3600) < 60
    assert timedelta(seconds=timer.interval_s) == timedelta(hours=1)
