"""Running a script or an expression in the sandbox, under a deadline."""

import sys
import time
import types
from typing import Any

from django.utils.translation import gettext as _
from RestrictedPython import PrintCollector

from engine.runtime.spiff import BasePythonScriptEngineEnvironment

from .data import check_data
from .guards import _BUILTINS, _guarded_getattr, _run_state, _tracer
from .memory import MemoryWatch, memory_limit_mb
from .policy import DEFAULT_TIME_LIMIT, ScriptRefused, _compiled

_PrintCollector: Any = PrintCollector  # RestrictedPython leaves its __init__ untyped


def _default_time_limit() -> float:
    try:
        from django.conf import settings

        return float(settings.HYPERCRM["SCRIPT_TIME_LIMIT"])
    except Exception:  # settings not configured, or no HYPERCRM: the documented default
        return DEFAULT_TIME_LIMIT


def _check_left(context: dict[str, Any], before: dict[str, Any]) -> None:
    """Refuse data that cannot be stored; the variables go back to what they were (a list
    changed in place and still unstorable is dropped), so the failed step stores nothing bad."""
    try:
        check_data(context)
    except ScriptRefused:
        context.clear()
        context.update(before)
        for key in list(context):
            try:
                check_data(context[key])
            except ScriptRefused:
                del context[key]
        raise


class SandboxedEnvironment(BasePythonScriptEngineEnvironment):
    """Runs BPMN scripts and expressions over task data, restricted and time-limited.

    Builtins and helpers live in the scripts' `__builtins__`, so task data may shadow them
    and they never end up in the task data. No per-run state is kept on the instance: one
    instance serves every thread.
    """

    def __init__(
        self, helpers: dict[str, Any] | None = None, time_limit: float | None = None
    ) -> None:
        super().__init__()
        self.helpers = dict(helpers or {})
        self.time_limit = time_limit

    # Any: task data and helpers hold whatever the process and its scripts put there.
    def evaluate(
        self,
        expression: str,
        context: dict[str, Any],
        external_context: dict[str, Any] | None = None,
    ) -> Any:
        value = self._run(_compiled(expression, "eval"), dict(context), external_context)
        check_data(value)
        return value

    def execute(
        self,
        script: str,
        context: dict[str, Any],
        external_context: dict[str, Any] | None = None,
    ) -> bool:
        code, before = _compiled(script, "exec"), dict(context)  # refusals leave context as is
        try:
            self._run(code, context, external_context)
        finally:  # like TaskDataEnvironment: no functions or helpers left in the task data
            external = external_context or {}
            for key in list(context):
                new = key not in before
                if callable(context[key]) or (new and (key.startswith("_") or key in external)):
                    del context[key]
            context.pop("__builtins__", None)
        _check_left(context, before)
        return True

    def _run(
        self,
        code: types.CodeType,
        names: dict[str, Any],
        external_context: dict[str, Any] | None,
    ) -> Any:
        limit = self.time_limit if self.time_limit is not None else _default_time_limit()
        names["__builtins__"] = {
            **_BUILTINS,
            **(external_context or {}),
            **self.helpers,
            "_print": _PrintCollector(_guarded_getattr),  # `print` inside expressions
        }
        outer_run, outer_tracer = getattr(_run_state, "current", None), sys.gettrace()
        _run_state.current = (deadline := time.monotonic() + limit, limit)
        sys.settrace(_tracer(deadline, MemoryWatch(memory_limit_mb())))
        try:
            # Only code compiled by RestrictedPython with the policy above gets here.
            return eval(code, names)  # noqa: S307
        except Exception:
            raise
        except BaseException as exc:  # a script must never end the process running it
            raise ScriptRefused(
                _("the script raised %(error)s") % {"error": type(exc).__name__}
            ) from exc
        finally:
            sys.settrace(outer_tracer)
            _run_state.current = outer_run
