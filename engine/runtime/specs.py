"""Parsed process specs, cached per definition version (a version never changes)."""

import threading
from collections import OrderedDict

from engine.parsing.compile import load_parser

_CACHE_SIZE = 128
_cache: OrderedDict = OrderedDict()
_lock = threading.Lock()


def specs_for(definition) -> tuple:
    """(spec, subprocess_specs) of a ProcessDefinition, parsed once per process."""
    with _lock:
        if definition.pk in _cache:
            _cache.move_to_end(definition.pk)
            return _cache[definition.pk]
    parser, _roots = load_parser(definition.deployment.files, validate=False)
    specs = (parser.get_spec(definition.key), parser.get_subprocess_specs(definition.key))
    with _lock:
        _cache[definition.pk] = specs
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return specs


def clear_cache() -> None:
    with _lock:
        _cache.clear()
