"""Parsed process specs, cached per definition version (a version never changes)."""

from typing import Any, Protocol

from engine.parsing.compile import load_parser

from .caches import SPECS, TRAITS
from .spiff import (
    MessageEventDefinition,
    MultiInstanceTask,
    MultipleEventDefinition,
    StartEvent,
    TimerEventDefinition,
)


class DefinitionVersion(Protocol):
    """What specs are looked up by: a ProcessDefinition (engine.models imports this module
    through the runtime state, so it is not imported here)."""

    pk: Any
    key: str
    content_hash: str
    deployment: Any


# A process's parsed spec and the specs of the processes it calls, by name.
Specs = tuple[Any, dict[str, Any]]


def specs_for(definition: DefinitionVersion) -> Specs:
    """(spec, subprocess_specs) of a ProcessDefinition, parsed once per process."""
    cache_key = (definition.pk, definition.key, definition.content_hash)
    cached = SPECS.get(cache_key)
    if cached is not None:
        return cached
    parser, _roots = load_parser(definition.deployment.files, validate=False)
    specs = (parser.get_spec(definition.key), parser.get_subprocess_specs(definition.key))
    _connect_multi_instance(specs)
    SPECS.put(cache_key, specs)
    return specs


def _connect_multi_instance(specs: Specs) -> None:
    """SpiffWorkflow wires a multi-instance task to its items' completion only when it
    creates an item; a process that loads an instance whose items already exist must be
    wired up front, or finishing an item would never reach the multi-instance task."""
    spec, subprocess_specs = specs
    for process in [spec, *subprocess_specs.values()]:
        if process is None:
            continue
        for task_spec in process.task_specs.values():
            if isinstance(task_spec, MultiInstanceTask):
                item_spec = process.task_specs[task_spec.task_spec]
                if not item_spec.completed_event.is_connected(task_spec.merge_child):
                    item_spec.completed_event.connect(task_spec.merge_child)


def start_message_names(spec: Any) -> list[str]:
    """Messages whose arrival starts the process (its message start events)."""
    names = set()
    for task_spec in spec.task_specs.values():
        if isinstance(task_spec, StartEvent) and isinstance(
            getattr(task_spec, "event_definition", None), MessageEventDefinition
        ):
            names.add(task_spec.event_definition.name)
    return sorted(names)


class Traits:
    """What a process can wait for, so a step can skip the queries it does not need."""

    def __init__(self, spec: Any, subprocess_specs: dict[str, Any]) -> None:
        self.has_message_catch = False
        self.has_timers = False
        self.human_elements: set[str] = set()
        for process in [spec, *subprocess_specs.values()]:
            if process is None:
                continue
            for task_spec in process.task_specs.values():
                if getattr(task_spec, "manual", False) and task_spec.bpmn_id:
                    self.human_elements.add(task_spec.bpmn_id)
                definition = getattr(task_spec, "event_definition", None)
                kinds = (
                    definition.event_definitions
                    if isinstance(definition, MultipleEventDefinition)
                    else [definition]
                )
                for kind in kinds:
                    if isinstance(kind, TimerEventDefinition):
                        self.has_timers = True
                    elif isinstance(kind, MessageEventDefinition):
                        self.has_message_catch = True


def traits_for(definition: DefinitionVersion) -> Traits:
    cache_key = (definition.pk, definition.key, definition.content_hash)
    traits = TRAITS.get(cache_key)
    if traits is None:
        traits = Traits(*specs_for(definition))
        TRAITS.put(cache_key, traits)
    return traits
