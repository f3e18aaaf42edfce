"""Real workers: a killed worker and a flushed broker lose nothing and repeat nothing."""

import base64
import json
import time

from bench.cluster import wait_for
from engine.models import InstanceEvent, ProcessInstance
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from tests.factories import FIXTURES
from tests.integration.conftest import BROKER, _redis
from tests.support.models import Counter
from workers.tasks import _marks, sweep

INSTANCES = 30


def _deploy_counting():
    path = FIXTURES / "runtime" / "counting.bpmn"
    definition_deploy(file_name=path.name, content=path.read_bytes(), user=None, check_role=False)


def _start(counter: str, pause: float) -> list[int]:
    return [
        instance_start(definition_key="counting", variables={"counter": counter, "pause": pause}).pk
        for _ in range(INSTANCES)
    ]


def _all_completed(ids) -> bool:
    return ProcessInstance.objects.filter(pk__in=ids, status="completed").count() == len(ids)


def _assert_exactly_once(ids, counter):
    assert Counter.objects.get(name=counter).value == len(ids)
    runs = InstanceEvent.objects.filter(
        instance_id__in=ids, type="service_task_run", element_id="count_it"
    )
    assert runs.count() == len(ids)


def test_kill_minus_nine_of_a_worker_loses_and_repeats_nothing(cluster):
    _deploy_counting()
    victim = cluster.start_worker()
    cluster.start_worker()
    cluster.start_beat()
    ids = _start("kill", pause=0.2)
    assert wait_for(lambda: Counter.objects.filter(name="kill", value__gte=3).exists(), 60), (
        cluster.logs()
    )
    cluster.kill(victim)
    assert wait_for(lambda: _all_completed(ids), 120), cluster.logs()
    _assert_exactly_once(ids, "kill")


def test_flushed_broker_loses_nothing(cluster):
    _deploy_counting()
    cluster.start_worker()
    cluster.start_beat()
    ids = _start("flush", pause=0.1)
    assert wait_for(lambda: Counter.objects.filter(name="flush", value__gte=2).exists(), 60), (
        cluster.logs()
    )
    _redis().flushdb()
    time.sleep(0.5)
    assert wait_for(lambda: _all_completed(ids), 120), cluster.logs()
    _assert_exactly_once(ids, "flush")


def _handed_out() -> list[int]:
    """The instances in the batches waiting in the `due` queue."""
    ids = []
    for raw in _redis().lrange("due", 0, -1):
        body = json.loads(base64.b64decode(json.loads(raw)["body"]))
        (batch,), _kwargs, _embed = body
        ids.extend(instance_id for instance_id, _when in batch)
    return ids


def test_due_timers_are_handed_out_once_and_fire_once(cluster, settings):
    path = FIXTURES / "runtime" / "timer3s.bpmn"
    definition_deploy(file_name=path.name, content=path.read_bytes(), user=None, check_role=False)
    ids = [instance_start(definition_key="timer3s").pk for _ in range(INSTANCES)]
    settings.CELERY_BROKER_URL = BROKER  # the sweeps below mark what they hand out there
    _marks.cache_clear()
    time.sleep(1.5)  # all due within the sweep's look-ahead
    sweep()
    sweep()
    assert sorted(_handed_out()) == sorted(ids)
    cluster.start_worker()
    cluster.start_worker()
    cluster.start_beat()
    assert wait_for(lambda: _all_completed(ids), 60), cluster.logs()
    fired = InstanceEvent.objects.filter(instance_id__in=ids, type="timer_fired")
    assert sorted(fired.values_list("instance_id", flat=True)) == sorted(ids)
