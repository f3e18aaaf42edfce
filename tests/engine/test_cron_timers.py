"""Camunda 7's cron timer cycles (Quartz: seconds first, `?`, days of the week from 1 =
Sunday), in diagrams as Camunda Modeler 5 writes them: a start timer schedules its next
start at the expression's next moment, a boundary timer fires at it; what croniter cannot
compute is refused at deploy by name, with nothing stored."""

import time
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from engine.models import Deployment, HumanTask, ProcessDefinition, ProcessInstance, Timer
from engine.parsing.errors import DeploymentInvalid
from engine.sandbox.cron import croniter_text, next_fire
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from engine.services.start_timers import fire_start_timer
from engine.services.tasks import task_complete
from tests.factories import FIXTURES, run_due_work

pytestmark = pytest.mark.django_db

START = FIXTURES / "camunda" / "cron_start.bpmn"
BOUNDARY = FIXTURES / "camunda" / "cron_boundary.bpmn"


def _deploy(text: str):
    return definition_deploy(
        file_name="cron.bpmn", content=text.encode(), user=None, check_role=False
    )


def _weekday_nine_after(moment: datetime) -> datetime:
    """The first weekday 09:00:00 (server time) after `moment`, counted by hand."""
    local = moment.astimezone(timezone.get_default_timezone())
    day = local.replace(hour=9, minute=0, second=0, microsecond=0)
    while day <= local or day.weekday() >= 5:
        day += timedelta(days=1)
    return day.astimezone(UTC)


def test_quartz_is_written_as_croniter_reads_it():
    assert croniter_text("0 0 9 ? * MON-FRI") == "0 0 9 * * MON-FRI"
    assert croniter_text("0 30 8 ? * 2-6") == "0 30 8 * * 1-5"  # Quartz counts from Sunday = 1
    assert croniter_text("0 0 12 ? * 6L") == "0 0 12 * * L5"  # the last Friday
    assert croniter_text("0 0 12 ? * 2#1 2027") == "0 0 12 * * 1#1 2027"
    friday = datetime(2026, 5, 15, 10, tzinfo=UTC)  # a Friday, after nine
    assert next_fire("0 0 9 ? * MON-FRI", friday) == _weekday_nine_after(friday)
    assert next_fire("0 0 12 ? * 6L", friday) == datetime(2026, 5, 29, 12, tzinfo=UTC)


def test_a_cron_start_timer_starts_at_the_next_weekday_nine_then_the_one_after():
    before = datetime.now(UTC)
    _deploy(START.read_text())
    timer = Timer.objects.get(kind="start")
    assert timer.element_id == "StartEvent_weekdays"
    assert timer.due_at == _weekday_nine_after(before)
    assert fire_start_timer(timer.pk, timer.due_at - timedelta(seconds=1)) is None  # not yet

    moment = timer.due_at + timedelta(seconds=1)  # the clock moved on to nine
    started = fire_start_timer(timer.pk, moment)
    instance = ProcessInstance.objects.get(pk=started)
    assert instance.active == ["Activity_read"]
    moved = Timer.objects.get(pk=timer.pk)
    assert moved.due_at == _weekday_nine_after(moment)
    assert (
        moved.due_at > timer.due_at
        and moved.due_at.astimezone(timezone.get_default_timezone()).hour == 9
    )


def test_a_cron_boundary_timer_fires_at_its_next_moment(runner):
    _deploy(BOUNDARY.read_text())
    instance = instance_start(definition_key="ticket_watch", user=runner)
    timer = Timer.objects.get(instance=instance)
    assert timer.element_id == "Event_tick"
    assert timer.due_at.second % 2 == 0 and timer.due_at.microsecond == 0
    assert timer.due_at - datetime.now(UTC) <= timedelta(seconds=2)
    time.sleep(max(0.0, (timer.due_at - datetime.now(UTC)).total_seconds()) + 0.2)
    instance = run_due_work(instance)
    assert instance.status == "completed", instance.active  # interrupting: the ticket escalated
    assert instance.events.filter(type="script_run", element_id="Activity_escalate").count() == 1
    assert HumanTask.objects.get(instance=instance).status == "cancelled"
    assert instance.events.filter(type="timer_fired", element_id="Event_tick").exists()


def test_a_non_interrupting_cron_boundary_timer_fires_at_each_moment(runner):
    text = BOUNDARY.read_text().replace(
        'attachedToRef="Activity_answer">',
        'cancelActivity="false" attachedToRef="Activity_answer">',
    )
    _deploy(text)
    instance = instance_start(definition_key="ticket_watch", user=runner)
    first = Timer.objects.get(instance=instance).due_at
    deadline = time.monotonic() + 7
    while time.monotonic() < deadline:
        instance = run_due_work(instance)
        if instance.events.filter(type="script_run", element_id="Activity_escalate").count() >= 2:
            break
        time.sleep(0.2)
    assert instance.events.filter(type="script_run", element_id="Activity_escalate").count() >= 2
    assert Timer.objects.get(instance=instance).due_at >= first + timedelta(seconds=4)
    task = HumanTask.objects.get(instance=instance, element_id="Activity_answer")
    assert task.status == "open"
    _task, instance = task_complete(task_id=task.pk, user=runner, data={})
    assert instance.status == "completed"
    assert not Timer.objects.filter(instance=instance).exists()


@pytest.mark.parametrize(
    ("cycle", "phrase"),
    [
        ("0 0 9 L-3 * ?", "uses “L-3” in its day of the month field"),
        ("0 0 9 LW * ?", "uses “LW” in its day of the month field"),
        ("0 0 9 ? * 9", "uses “9” in its day of the week field"),
        ("0 0 9 15 * MON", "gives both a day of the month and a day of the week"),
        ("0 0 25 ? * MON", "uses “25” in its hours field"),
        ("0 0 9 ? * MON 2020", "names no moment from now on"),
    ],
)
def test_a_cron_cycle_croniter_cannot_compute_is_refused_by_name(cycle, phrase):
    text = START.read_text().replace("0 0 9 ? * MON-FRI", cycle)
    with pytest.raises(DeploymentInvalid) as refused:
        _deploy(text)
    [problem] = refused.value.problems
    assert problem.element_id == "StartEvent_weekdays"
    assert phrase in problem.message, problem.message
    assert not Deployment.objects.exists() and not ProcessDefinition.objects.exists()
    assert not Timer.objects.exists()


def test_the_moments_are_read_in_the_servers_time_zone(settings):
    settings.TIME_ZONE = "Europe/Paris"
    friday = datetime(2026, 5, 15, 10, tzinfo=UTC)  # noon in Paris (summer time)
    assert next_fire("0 0 9 ? * MON-FRI", friday) == datetime(2026, 5, 18, 7, tzinfo=UTC)
    winter = datetime(2026, 12, 4, 10, tzinfo=UTC)
    assert next_fire("0 0 9 ? * MON-FRI", winter) == datetime(2026, 12, 7, 8, tzinfo=UTC)


def test_an_intermediate_cron_timer_waits_for_its_next_moment_once(runner):
    text = BOUNDARY.read_text()
    catch = (
        '<bpmn:intermediateCatchEvent id="Event_wait" name="Next even second">'
        "<bpmn:incoming>Flow_0t1</bpmn:incoming><bpmn:outgoing>Flow_0w</bpmn:outgoing>"
        '<bpmn:timerEventDefinition id="TimerEventDefinition_0w">'
        '<bpmn:timeCycle xsi:type="bpmn:tFormalExpression">0/2 * * * * ?</bpmn:timeCycle>'
        "</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>"
        '<bpmn:sequenceFlow id="Flow_0w" sourceRef="Event_wait" targetRef="Activity_answer" />'
    )
    text = text.replace(
        '<bpmn:sequenceFlow id="Flow_0t1" sourceRef="StartEvent_1" targetRef="Activity_answer" />',
        '<bpmn:sequenceFlow id="Flow_0t1" sourceRef="StartEvent_1" targetRef="Event_wait" />'
        + catch,
    ).replace(
        "<bpmn:incoming>Flow_0t1</bpmn:incoming>\n      <bpmn:outgoing>Flow_0t2</bpmn:outgoing>",
        "<bpmn:incoming>Flow_0w</bpmn:incoming>\n      <bpmn:outgoing>Flow_0t2</bpmn:outgoing>",
    )
    # The boundary timer waits for 2099: only the intermediate one fires here.
    text = text.replace("0/2 * * * * ?</bpmn:timeCycle>\n", "0 0 0 1 1 ? 2099</bpmn:timeCycle>\n")
    _deploy(text)
    instance = instance_start(definition_key="ticket_watch", user=runner)
    assert instance.active == ["Event_wait"]
    due = Timer.objects.get(instance=instance).due_at
    time.sleep(max(0.0, (due - datetime.now(UTC)).total_seconds()) + 0.2)
    instance = run_due_work(instance)
    assert sorted(instance.active) == ["Activity_answer", "Event_tick"]  # the boundary waits
    assert HumanTask.objects.filter(instance=instance, element_id="Activity_answer").count() == 1
    time.sleep(2.1)  # the next even second passes: nothing fires again
    instance = run_due_work(instance)
    assert "Event_wait" not in instance.active
    assert HumanTask.objects.filter(instance=instance, element_id="Activity_answer").count() == 1
    assert instance.events.filter(type="timer_fired", element_id="Event_wait").count() == 1
