"""The connector registry: what a service task calls, by name.

The engine knows no business: the business (and the built-in connectors) register their
handlers here at start-up. A BPMN service task names its connector by SpiffArena's
`serviceTaskOperator id` or Camunda's external `topic`.
"""

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

Connector = Callable[..., Any]

_connectors: dict[str, Connector] = {}

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


def register_connector(name: str, handler: Connector) -> None:
    """handler(params: dict, *, data: dict) -> JSON-serializable result."""
    _connectors[name] = handler


def unregister_connector(name: str) -> None:
    _connectors.pop(name, None)


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
