"""The connector registry: what a service task calls, by name.

The engine knows no business: the business (and the built-in connectors) register their
handlers here at start-up. A BPMN service task names its connector by SpiffArena's
`serviceTaskOperator id` or Camunda's external `topic`.
"""

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeAlias

from django.utils.functional import Promise

Connector = Callable[..., Any]
# A translatable sentence (gettext_lazy), read in its reader's language.
Text: TypeAlias = str | Promise

# The types a parameter may have (as an element template's field shows them).
PARAMETER_TYPES = ("string", "number", "boolean", "list", "object")


@dataclass(frozen=True)
class Parameter:
    """One parameter of a connector: its name in the call, the label a process owner reads
    on its field ("Customer"), its type and what it is."""

    name: str
    label: Text
    type: str
    description: Text
    required: bool = False

    def __post_init__(self) -> None:
        if self.type not in PARAMETER_TYPES:
            raise ValueError(f"The parameter '{self.name}' has the unknown type '{self.type}'.")


@dataclass(frozen=True)
class ConnectorInfo:
    """What a process owner reads about a connector: a label ("Create the order"), what it
    does, its parameters and what its result holds, put in `result_variable` by default.
    `reads_variables`: a parameter left out is read from the process variable of its name."""

    label: Text = ""
    description: Text = ""
    parameters: tuple[Parameter, ...] = ()
    result: Text = ""
    result_variable: str = ""
    reads_variables: bool = False


_connectors: dict[str, Connector] = {}
_infos: dict[str, ConnectorInfo] = {}

# The instance whose service task is calling a connector right now.
_calling_instance: ContextVar[int | None] = ContextVar("calling_instance", default=None)


class UnknownConnector(LookupError):
    pass


class ConnectorError(Exception):
    """A connector failed. `code` lets a BPMN error boundary event catch it by error code;
    `translations` holds the message in each language ({"fr": …}) when the connector can
    say it in them, so an incident reads in its reader's language."""

    def __init__(
        self,
        message: str,
        *,
        code: str = "",
        retryable: bool = True,
        translations: dict[str, str] | None = None,
    ):
        super().__init__(message)
        self.code = code
        self.retryable = retryable
        self.translations = dict(translations or {})


def register_connector(name: str, handler: Connector, info: ConnectorInfo | None = None) -> None:
    """handler(params: dict, *, data: dict) -> JSON-serializable result."""
    _connectors[name] = handler
    _infos[name] = info or ConnectorInfo()


def unregister_connector(name: str) -> None:
    _connectors.pop(name, None)
    _infos.pop(name, None)


def connector_info(name: str) -> ConnectorInfo:
    """The description the connector `name` was registered with (empty when it has none)."""
    get_connector(name)
    return _infos.get(name) or ConnectorInfo()


def get_connector(name: str) -> Connector:
    try:
        return _connectors[name]
    except KeyError:
        raise UnknownConnector(f"No connector is registered under the name '{name}'.")


def connector_names() -> list[str]:
    return sorted(_connectors)


def calling_instance_id() -> int | None:
    """The process instance whose service task runs the connector being called now, so the
    business can remember which instance owns a document it creates (None outside one)."""
    return _calling_instance.get()


def call_connector(
    name: str, params: dict[str, Any], *, data: dict[str, Any], instance_id: int | None
) -> Any:
    """Run the connector `name` for a service task of the instance `instance_id`."""
    token = _calling_instance.set(instance_id)
    try:
        return get_connector(name)(params, data=data)
    finally:
        _calling_instance.reset(token)
