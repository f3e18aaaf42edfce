"""Parsed process specs, cached per definition version (a version never changes)."""

import threading
from collections import OrderedDict

from engine.parsing.compile import load_parser

_CACHE_SIZE = 128
_cache: OrderedDict = OrderedDict()
_lock = threading.Lock()


def specs_for(definition) -> tuple:
    """(spec, subprocess_specs) of a ProcessDefinition, parsed once per process."""
    cache_key = (definition.pk, definition.key, definition.content_hash)
    with _lock:
        if cache_key in _cache:
            _cache.move_to_end(cache_key)
            return _cache[cache_key]
    parser, _roots = load_parser(definition.deployment.files, validate=False)
    specs = (parser.get_spec(definition.key), parser.get_subprocess_specs(definition.key))
    with _lock:
        _cache[cache_key] = specs
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return specs


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def start_message_names(spec) -> list[str]:
    """Messages whose arrival starts the process (its message start events)."""
    from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
    from SpiffWorkflow.bpmn.specs.mixins.events.start_event import StartEvent

    names = set()
    for task_spec in spec.task_specs.values():
        if isinstance(task_spec, StartEvent) and isinstance(
            getattr(task_spec, "event_definition", None), MessageEventDefinition
        ):
            names.add(task_spec.event_definition.name)
    return sorted(names)
