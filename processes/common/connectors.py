"""What the business's BPMN service-task handlers (connectors) share.

A handler gets the task's params (plain values: ids, quantities) and the process data,
calls services and answers a JSON-ready dict. `business_connector` turns the services'
refusals into non-retryable ConnectorErrors whose code a BPMN error boundary can catch:
`invalid_data`, `not_found`, `invalid_transition`, `not_enough_stock`, `conflict`.
"""

import functools
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from engine.connectors import ConnectorError, ConnectorInfo, register_connector
from processes.common.errors import Conflict, InvalidData, InvalidTransition, NotEnoughStock

MISSING = object()


class _Undone(Exception):
    """Rolls back a handler that succeeded when it was run again only to be read."""


_REFUSALS = (
    InvalidData,
    Conflict,
    ObjectDoesNotExist,
    KeyError,
    ValueError,
    TypeError,
    InvalidOperation,
)


def business_connector(handler: Callable[..., dict]) -> Callable[..., dict]:
    """Run the handler in one transaction (a savepoint inside the engine's), so a step that
    calls several services changes all or nothing; map refusals to ConnectorErrors that
    carry their message in every language of the product."""

    @functools.wraps(handler)
    def run(params: dict, *, data: dict) -> dict:
        try:
            with transaction.atomic():
                return handler(params or {}, data=data or {})
        except _REFUSALS as exc:
            message, code = _refusal(exc)
        translations = _in_every_language(handler, params or {}, data or {}, message)
        raise ConnectorError(message, code=code, retryable=False, translations=translations)

    return run


def _refusal(exc: Exception) -> tuple[str, str]:
    """A refusal's sentence and the BPMN error code a boundary event catches it by."""
    if isinstance(exc, InvalidData):
        return refusal_text(exc), "invalid_data"
    if isinstance(exc, Conflict):
        return exc.message, _conflict_code(exc)
    if isinstance(exc, ObjectDoesNotExist):
        return _missing_record(exc), "not_found"
    if isinstance(exc, KeyError):
        message = _(
            "This step needs “%(name)s”, which the case's data does not hold; "
            "correct the data or the diagram, then retry."
        ) % {"name": exc.args[0] if exc.args else "?"}
        return message, "invalid_data"
    message = _(
        "This step was given a value it cannot use (%(problem)s); correct the "
        "case's data, then retry."
    ) % {"problem": str(exc) or type(exc).__name__}
    return message, "invalid_data"


def _in_every_language(handler: Callable[..., dict], params: dict, data: dict, message: str):
    """The refusal as each language of the product says it: the services word it as they
    refuse (with money and dates in that language), so the handler is asked again under
    each language in a savepoint that is always rolled back. Only refusals pay for this."""
    current = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    said = {current: message}
    for language, _name in settings.LANGUAGES:
        if language in said:
            continue
        with translation.override(language):
            try:
                with transaction.atomic():
                    handler(params, data=data)
                    raise _Undone
            except _Undone:
                continue  # it went through this time: nothing to say in this language
            except _REFUSALS as exc:
                said[language] = _refusal(exc)[0]
    return said


def _readable(field: str) -> str:
    """ "received_lines.0.product" → "Received lines, line 1, product"."""
    parts = []
    for part in field.split("."):
        if part.isdigit():
            parts.append(_("line %(number)s") % {"number": int(part) + 1})
        else:
            parts.append(part.replace("_", " "))
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def refusal_text(exc: InvalidData) -> str:
    """A refusal as a person reads it: its message, then what is wrong with which field
    (never the field errors' dict)."""
    message = (exc.message or "").strip()
    problems = []
    for field, messages in (exc.errors or {}).items():
        for text in messages if isinstance(messages, list | tuple) else [messages]:
            text = str(text).strip()
            if not text or text == message:
                continue
            problems.append(text if field in ("", "__all__") else f"{_readable(field)}: {text}")
    if not problems:
        return message
    return f"{message.rstrip('.')}: {'; '.join(problems)}" if message else "; ".join(problems)


def _missing_record(exc: ObjectDoesNotExist) -> str:
    # Django names the class "SalesOrder.DoesNotExist": "sales order".
    model = exc.__class__.__qualname__.split(".")[0]
    name = re.sub(r"(?<!^)(?=[A-Z])", " ", model).lower() if model != "ObjectDoesNotExist" else ""
    name = name or _("record")
    return _("The %(record)s this step works on does not exist (any more).") % {"record": name}


def _conflict_code(exc: Conflict) -> str:
    if isinstance(exc, NotEnoughStock):
        return "not_enough_stock"
    if isinstance(exc, InvalidTransition):
        return "invalid_transition"
    return "conflict"


def register_connectors(
    connectors: dict[str, Callable[..., dict]], infos: dict[str, ConnectorInfo]
) -> None:
    """Register each handler under its name, wrapped by `business_connector`, with its
    description (every connector has one: the modeler lists them)."""
    for name, handler in connectors.items():
        register_connector(name, business_connector(handler), infos[name])


def value(params: dict, data: dict, name: str, default: Any = MISSING) -> Any:
    """The param `name`, else the process variable of that name, else `default`."""
    for source in (params, data):
        if source.get(name) not in (None, ""):
            return source[name]
    if default is MISSING:
        raise KeyError(f"'{name}' is missing")
    return default


def as_id(raw: Any) -> int:
    """A record id from a number, a numeric string or a choice dict {"const": id}."""
    if isinstance(raw, dict):
        raw = raw.get("const", raw.get("id"))
    if isinstance(raw, bool):
        raise ValueError(f"{raw!r} is not an id")
    return int(raw)


def as_decimal(raw: Any) -> Decimal:
    return Decimal(str(raw))


def as_bool(raw: Any) -> bool:
    if isinstance(raw, str):
        return raw.strip().lower() in {"1", "true", "yes", "on", "passed", "accepted"}
    return bool(raw)


def user_of(raw: Any):
    """The user named by id or username, or None."""
    if raw in (None, ""):
        return None
    users = get_user_model().objects
    if isinstance(raw, int) or str(raw).isdigit():
        return users.get(pk=int(raw))
    return users.get(username=str(raw))
