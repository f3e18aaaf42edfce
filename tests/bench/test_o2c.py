"""The `o2c` benchmark at two orders a side: every order completes both ways, the business
work is timed on both, the notifications' jobs on the persisted side, and what is left is
the engine's (its figures add up)."""

from argparse import Namespace

import pytest

from bench.scenarios import o2c
from engine import connectors
from processes.notifications import fanout
from processes.sales.models import SalesOrder
from tests.processes.business import media  # noqa: F401 - documents go to a temporary MEDIA_ROOT


def _registered() -> dict:
    return {
        name: (connectors.get_connector(name), connectors.connector_info(name))
        for name in connectors.connector_names()
    }


@pytest.mark.django_db(transaction=True)
def test_orders_complete_both_ways_and_the_business_work_is_taken_out():
    handlers, told = _registered(), dict(fanout.EVENTS)
    before = SalesOrder.objects.count()
    result = o2c.run(Namespace(count=2))
    # Both sides made their orders (one warm-up order each, then two each way).
    assert SalesOrder.objects.count() - before == 2 * 3
    assert result["business_ms_per_order"] > 0 and result["raw_business_ms_per_order"] > 0
    assert 0 < result["engine_ms_per_order"] < result["persisted_ms_per_order"]
    assert result["notifications_ms_per_order"] > 0  # each new task is told
    apart = result["business_ms_per_order"] + result["notifications_ms_per_order"]
    assert result["engine_ms_per_order"] + apart == pytest.approx(
        result["persisted_ms_per_order"], abs=0.3
    )
    assert 0 < result["raw_engine_ms_per_order"] < result["raw_ms_per_order"]
    assert 0 <= result["sweep_ms_per_order"] < result["engine_ms_per_order"]
    assert _registered() == handlers  # the clocks are off again
    assert told == fanout.EVENTS
