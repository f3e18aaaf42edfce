"""A benchmark can run without the notifications: their receivers off for a block, then on."""

from bench.common import notifications_off
from engine import signals


def test_the_notifications_are_off_for_the_block_and_on_after_it():
    assert signals.task_created.has_listeners() and signals.swept.has_listeners()
    with notifications_off():
        assert not signals.task_created.has_listeners()
        assert not signals.instance_ended.has_listeners()
        assert not signals.swept.has_listeners()
    assert signals.task_created.has_listeners() and signals.swept.has_listeners()
