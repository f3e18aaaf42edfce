"""Connectors every installation has: `http` (call a JSON API) and `email` (send a mail)."""

import json
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext_lazy as _

from .connectors import ConnectorError, ConnectorInfo, Parameter, register_connector
from .outbound import OPENER, AddressRefused, max_body_bytes

HTTP_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"}


def http_connector(params: dict[str, Any], *, data: dict[str, Any]) -> dict[str, Any]:
    """params: method, url, headers, json, timeout → {"status", "body", "headers"}.

    5xx answers and network errors raise a retryable ConnectorError; 4xx answers raise one
    with the status as its code (a BPMN error boundary event with that code can catch it).
    """
    url = str(params.get("url") or "")
    if not url.startswith(("http://", "https://")):
        raise ConnectorError(
            f"The http connector needs an http(s) url, not {url!r}.", retryable=False
        )
    method = str(params.get("method") or ("POST" if "json" in params else "GET")).upper()
    if method not in HTTP_METHODS:
        raise ConnectorError(f"Unsupported HTTP method {method!r}.", retryable=False)
    headers = {"Accept": "application/json", **(params.get("headers") or {})}
    body = None
    if params.get("json") is not None:
        body = json.dumps(params["json"], default=str).encode()
        headers.setdefault("Content-Type", "application/json")
    timeout = float(params.get("timeout") or 10)
    request = urllib.request.Request(url, data=body, method=method, headers=headers)  # noqa: S310
    try:
        with OPENER.open(request, timeout=timeout) as response:
            return {"status": response.status, "body": _body(_read(response, method, url))}
    except urllib.error.HTTPError as exc:
        status = exc.code
        text = _body(exc.read(10000))
        if status >= 500:
            raise ConnectorError(f"{method} {url} answered {status}: {text}", code=str(status))
        raise ConnectorError(
            f"{method} {url} answered {status}: {text}", code=str(status), retryable=False
        )
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, AddressRefused):
            raise ConnectorError(f"{method} {url} is refused: {reason}", retryable=False) from None
        raise ConnectorError(f"{method} {url} failed: {getattr(exc, 'reason', exc)}")


def _read(response: Any, method: str, url: str) -> bytes:
    limit = max_body_bytes()
    raw = response.read(limit + 1)
    if len(raw) > limit:
        raise ConnectorError(
            f"{method} {url} answered more than the limit of {limit:,} bytes.", retryable=False
        )
    return raw


def _body(raw: bytes) -> Any:
    text = raw.decode("utf-8", errors="replace")
    try:
        return json.loads(text)
    except ValueError:
        return text[:10000]


def email_connector(params: dict[str, Any], *, data: dict[str, Any]) -> dict[str, Any]:
    """params: to (address or list), subject, body, from → {"sent": n}."""
    recipients = params.get("to") or []
    if isinstance(recipients, str):
        recipients = [recipients]
    if not recipients:
        raise ConnectorError(
            "The email connector needs at least one recipient ('to').", retryable=False
        )
    sent = send_mail(
        subject=str(params.get("subject") or ""),
        message=str(params.get("body") or ""),
        from_email=params.get("from") or settings.DEFAULT_FROM_EMAIL,
        recipient_list=[str(r) for r in recipients],
    )
    return {"sent": sent}


HTTP = ConnectorInfo(
    label=_("Call a web service (HTTP)"),
    description=_("Calls a JSON API over HTTP(S); an answer of 400 or more fails the task."),
    parameters=(
        Parameter(
            "url",
            _("Address (URL)"),
            "string",
            _("The address to call (http:// or https://)."),
            True,
        ),
        Parameter(
            "method",
            _("HTTP method"),
            "string",
            _("GET, POST, PUT, PATCH, DELETE or HEAD; empty: GET."),
        ),
        Parameter("headers", _("Headers"), "object", _("Extra request headers, e.g. ${headers}.")),
        Parameter("json", _("JSON body"), "object", _("The JSON body to send, e.g. ${payload}.")),
        Parameter(
            "timeout",
            _("Timeout (seconds)"),
            "number",
            _("Seconds to wait for the answer; empty: 10."),
        ),
    ),
    result=_("status (the HTTP status) and body (the answer, read as JSON when it is)."),
    result_variable="response",
)
EMAIL = ConnectorInfo(
    label=_("Send an email"),
    description=_("Sends a plain-text email."),
    parameters=(
        Parameter(
            "to",
            _("Recipient"),
            "string",
            _("The recipient's address (or a list, e.g. ${emails})."),
            True,
        ),
        Parameter("subject", _("Subject"), "string", _("The subject line.")),
        Parameter("body", _("Message"), "string", _("The message text.")),
        Parameter("from", _("Sender"), "string", _("The sender's address; empty: the server's.")),
    ),
    result=_("sent (how many emails were sent)."),
    result_variable="email",
)


def register_builtin_connectors() -> None:
    register_connector("http", http_connector, HTTP)
    register_connector("email", email_connector, EMAIL)
