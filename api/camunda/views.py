"""The /engine-rest/ calls Camunda's external-task clients make (docs/api.md)."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from engine.exceptions import InvalidData
from engine.services.external.fetch import TopicRequest, external_tasks_fetch
from engine.services.external.report import (
    external_task_bpmn_error,
    external_task_complete,
    external_task_extend_lock,
    external_task_failure,
    external_task_unlock,
)
from engine.services.instances import instance_start
from engine.services.messages import message_send
from engine.services.signal_events import signal_send

from .auth import AUTHENTICATION
from .shapes import camunda_exception_handler, locked_task, process_instance
from .variables import plain_all


class CamundaView(APIView):
    authentication_classes = AUTHENTICATION

    def get_exception_handler(self):
        return camunda_exception_handler


def _body(request) -> dict:
    body = request.data
    if not isinstance(body, dict):
        raise InvalidData("The body must be a JSON object.", {"__all__": ["Not an object."]})
    return body


def _int(body: dict, name: str, default=None, *, required=False) -> int | None:
    value = body.get(name, default)
    if value is None:
        if required:
            raise InvalidData(f"{name} is required.", {name: ["This field is required."]})
        return default
    if isinstance(value, bool) or not isinstance(value, int | float) or int(value) != value:
        raise InvalidData(f"{name} must be a whole number.", {name: ["A whole number."]})
    return int(value)


def _str(body: dict, name: str, *, required=False) -> str:
    value = body.get(name)
    if value is None or value == "":
        if required:
            raise InvalidData(f"{name} is required.", {name: ["This field is required."]})
        return ""
    if not isinstance(value, str | int):
        raise InvalidData(f"{name} must be text.", {name: ["Text."]})
    return str(value)


def _names(value, field: str) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidData(f"{field} must be a list of names.", {field: ["A list of names."]})
    return value


def _topics(body: dict) -> list[TopicRequest]:
    topics = body.get("topics")
    if not isinstance(topics, list) or not topics:
        raise InvalidData(
            'topics must list at least one topic: [{"topicName", "lockDuration"}].',
            {"topics": ["A non-empty list."]},
        )
    found = []
    for index, topic in enumerate(topics):
        field = f"topics[{index}]"
        if not isinstance(topic, dict):
            raise InvalidData(f"{field} must be an object.", {field: ["An object."]})
        for unsupported in ("tenantIdIn", "processDefinitionVersionTag"):
            if topic.get(unsupported):
                raise InvalidData(
                    f"{field}.{unsupported} is not supported: HyperCRM has no tenants or "
                    "version tags; leave it out.",
                    {f"{field}.{unsupported}": ["Not supported."]},
                )
        keys = _names(topic.get("processDefinitionKeyIn"), f"{field}.processDefinitionKeyIn")
        if topic.get("processDefinitionKey"):
            keys = [*(keys or []), str(topic["processDefinitionKey"])]
        process_variables = topic.get("processVariables") or {}
        if not isinstance(process_variables, dict):
            raise InvalidData(
                f"{field}.processVariables must be an object of values.",
                {f"{field}.processVariables": ["An object."]},
            )
        business_key = topic.get("businessKey")
        found.append(
            TopicRequest(
                name=_str(topic, "topicName", required=True),
                lock_duration_ms=_int(topic, "lockDuration", required=True),
                variables=_names(topic.get("variables"), f"{field}.variables"),
                business_key=str(business_key) if business_key is not None else None,
                definition_keys=keys,
                process_variables=process_variables,
            )
        )
    return found


class EngineListView(CamundaView):
    permission_classes = [AllowAny]

    @extend_schema(tags=["engine-rest"], summary="The engines (Camunda clients ask first)")
    def get(self, request):
        return Response([{"name": "default"}])


class FetchAndLockView(CamundaView):
    @extend_schema(
        tags=["engine-rest"],
        request=None,
        summary="Fetch and lock external tasks (Camunda's fetchAndLock, long polling)",
    )
    def post(self, request):
        body = _body(request)
        locked = external_tasks_fetch(
            worker_id=_str(body, "workerId", required=True),
            topics=_topics(body),
            max_tasks=_int(body, "maxTasks", 1),
            use_priority=bool(body.get("usePriority")),
            wait_ms=_int(body, "asyncResponseTimeout", 0),
            user=request.user,
        )
        return Response([locked_task(item) for item in locked])


class CompleteView(CamundaView):
    @extend_schema(tags=["engine-rest"], request=None, responses={204: None})
    def post(self, request, task_id):
        body = _body(request)
        variables = plain_all(body.get("variables"))
        # Local variables live in the task's own scope, which ends with it: nothing keeps them.
        plain_all(body.get("localVariables"), "localVariables")
        external_task_complete(
            task_id=task_id,
            worker_id=_str(body, "workerId", required=True),
            variables=variables,
            user=request.user,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class FailureView(CamundaView):
    @extend_schema(tags=["engine-rest"], request=None, responses={204: None})
    def post(self, request, task_id):
        body = _body(request)
        details = body.get("errorDetails")
        external_task_failure(
            task_id=task_id,
            worker_id=_str(body, "workerId", required=True),
            error_message=str(body.get("errorMessage") or ""),
            error_details="" if details is None else str(details),
            retries=_int(body, "retries", required=True),
            retry_timeout_ms=_int(body, "retryTimeout", 0),
            user=request.user,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class BpmnErrorView(CamundaView):
    @extend_schema(tags=["engine-rest"], request=None, responses={204: None})
    def post(self, request, task_id):
        body = _body(request)
        external_task_bpmn_error(
            task_id=task_id,
            worker_id=_str(body, "workerId", required=True),
            error_code=_str(body, "errorCode", required=True),
            error_message=str(body.get("errorMessage") or ""),
            variables=plain_all(body.get("variables")),
            user=request.user,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class ExtendLockView(CamundaView):
    @extend_schema(tags=["engine-rest"], request=None, responses={204: None})
    def post(self, request, task_id):
        body = _body(request)
        external_task_extend_lock(
            task_id=task_id,
            worker_id=_str(body, "workerId", required=True),
            new_duration_ms=_int(body, "newDuration", required=True),
            user=request.user,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class UnlockView(CamundaView):
    @extend_schema(tags=["engine-rest"], request=None, responses={204: None})
    def post(self, request, task_id):
        external_task_unlock(task_id=task_id, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class StartByKeyView(CamundaView):
    @extend_schema(tags=["engine-rest"], request=None, summary="Start a process by its key")
    def post(self, request, key):
        body = _body(request)
        instance = instance_start(
            definition_key=key,
            variables=plain_all(body.get("variables")),
            business_key=_str(body, "businessKey"),
            user=request.user,
        )
        return Response(process_instance(instance))


class MessageView(CamundaView):
    @extend_schema(tags=["engine-rest"], request=None, summary="Correlate a message")
    def post(self, request):
        body = _body(request)
        for unsupported, instead in (
            ("processInstanceId", "correlate by businessKey"),
            ("correlationKeys", "correlate by businessKey (the catch's correlation key)"),
            ("localCorrelationKeys", "correlate by businessKey"),
            ("tenantId", "leave it out: HyperCRM has no tenants"),
        ):
            if body.get(unsupported):
                raise InvalidData(
                    f"{unsupported} is not supported; {instead}.",
                    {unsupported: ["Not supported."]},
                )
        result = message_send(
            name=_str(body, "messageName", required=True),
            correlation_key=_str(body, "businessKey"),
            variables=plain_all(body.get("processVariables"), "processVariables"),
            user=request.user,
        )
        if not body.get("resultEnabled"):
            return Response(status=status.HTTP_204_NO_CONTENT)
        answers = [
            {
                "resultType": "Execution",
                "execution": {"id": str(pk), "processInstanceId": str(pk), "ended": False},
                "processInstance": None,
            }
            for pk in result.correlated
        ] + [
            {
                "resultType": "ProcessDefinition",
                "execution": None,
                "processInstance": {"id": str(pk), "links": [], "ended": False},
            }
            for pk in result.started
        ]
        return Response(answers)


class SignalView(CamundaView):
    @extend_schema(tags=["engine-rest"], request=None, responses={204: None})
    def post(self, request):
        body = _body(request)
        if body.get("executionId") or body.get("tenantId"):
            raise InvalidData(
                "executionId and tenantId are not supported: a signal reaches every waiting "
                "instance.",
                {"executionId": ["Not supported."]},
            )
        signal_send(
            name=_str(body, "name", required=True),
            variables=plain_all(body.get("variables")),
            user=request.user,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
