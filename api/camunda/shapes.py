"""Camunda's JSON shapes for what HyperCRM answers under /engine-rest/."""

from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from api.errors import exception_handler

from .variables import typed_all

# Camunda's exception type names, by HTTP status.
_TYPES = {
    400: "InvalidRequestException",
    401: "AuthenticationException",
    403: "AuthorizationException",
    404: "InvalidRequestException",
    405: "RestException",
    409: "BadUserRequestException",
    415: "RestException",
}


def camunda_time(moment) -> str | None:
    """Camunda's date format: 2026-12-06T20:30:00.000+0000."""
    if moment is None:
        return None
    return (
        moment.strftime("%Y-%m-%dT%H:%M:%S.")
        + f"{moment.microsecond // 1000:03d}"
        + (moment.strftime("%z") or "+0000")
    )


def definition_id(definition) -> str:
    return f"{definition.key}:{definition.version}:{definition.pk}"


def locked_task(locked) -> dict:
    """Camunda's LockedExternalTaskDto."""
    row = locked.row
    instance = row.instance
    definition = instance.definition
    meta = definition.elements.get(row.element_id, {})
    return {
        "activityId": row.element_id,
        "activityInstanceId": f"{row.element_id}:{row.spiff_task_id}",
        "errorMessage": row.error_message or None,
        "errorDetails": row.error_details or None,
        "executionId": str(row.spiff_task_id),
        "id": str(row.spiff_task_id),
        "lockExpirationTime": camunda_time(row.lock_expires_at),
        "createTime": camunda_time(row.created_at),
        "processDefinitionId": definition_id(definition),
        "processDefinitionKey": definition.key,
        "processDefinitionVersionTag": None,
        "processInstanceId": str(instance.pk),
        "tenantId": None,
        "retries": row.retries,
        "workerId": row.worker_id,
        "priority": row.priority,
        "topicName": row.topic,
        "businessKey": instance.business_key or None,
        "variables": typed_all(locked.variables),
        "extensionProperties": dict(meta.get("properties") or {}),
    }


def process_instance(instance) -> dict:
    """Camunda's ProcessInstanceDto."""
    return {
        "links": [],
        "id": str(instance.pk),
        "definitionId": definition_id(instance.definition),
        "definitionKey": instance.definition.key,
        "businessKey": instance.business_key or None,
        "caseInstanceId": None,
        "ended": instance.is_finished,
        "suspended": instance.status == instance.Status.SUSPENDED,
        "tenantId": None,
    }


def _message(data) -> str:
    if isinstance(data, dict):
        text = str(data.get("detail") or "")
        errors = data.get("errors")
        if isinstance(errors, dict) and errors:
            parts = [f"{field}: {' '.join(map(str, msgs))}" for field, msgs in errors.items()]
            text = f"{text} {'; '.join(parts)}".strip()
        elif isinstance(errors, list) and errors:
            text = f"{text} {'; '.join(str(e.get('message', e)) for e in errors)}".strip()
        return text or "; ".join(f"{k}: {v}" for k, v in data.items())
    return str(data)


def camunda_exception_handler(exc, context):
    """Every refusal as Camunda writes it: {"type", "message", "code"} (plus our field
    errors), with HyperCRM's status codes (400, 401, 403, 404, 409)."""
    response = exception_handler(exc, context) or drf_exception_handler(exc, context)
    if response is None:
        return None
    body = {
        "type": _TYPES.get(response.status_code, "RestException"),
        "message": _message(response.data),
        "code": None,
    }
    if isinstance(response.data, dict) and isinstance(response.data.get("errors"), dict):
        body["errors"] = response.data["errors"]
    answer = Response(body, status=response.status_code)
    for header in ("WWW-Authenticate", "Retry-After"):
        if header in response:
            answer[header] = response[header]
    return answer
