"""Try it: a test run of the diagram in the modeler, with sample data; nothing stored
(engine/services/trial.py, trial_events.py)."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engine.parsing.errors import DeploymentInvalid
from engine.services.trial import definition_try
from web.access import process_owner_page
from web.views.modeler import (
    BadDecisionFiles,
    _body,
    _decisions,
    _problems,
    _read,
    _refused,
    _refused_decisions,
    _upload,
)


@process_owner_page
@require_POST
def modeler_try(request):
    """A test run of the edited diagram with sample data: the path it takes; nothing stored."""
    body = _body(request)
    sample = body.get("sample", {})
    if not isinstance(sample, dict) or not all(
        isinstance(sample.get(part, {}), dict) for part in ("variables", "tasks", "services")
    ):
        message = _(
            'The sample data must be an object with "variables", "tasks" and "services", '
            "each an object."
        )
        return JsonResponse({"errors": [{"message": message, "field": "sample"}]}, status=400)
    if (refusal := _events_refusal(sample)) is not None:
        return _refused("sample", refusal)
    xml, base = _read(request)
    try:
        file_name, content = _upload(xml, base, _decisions(request))
    except BadDecisionFiles as exc:
        return _refused_decisions(exc)
    try:
        result = definition_try(
            file_name=file_name, content=content, sample=sample, key=base.key if base else None
        )
    except DeploymentInvalid as exc:
        return JsonResponse({"errors": _problems(exc.problems)}, status=400)
    return JsonResponse(result.as_dict())


def _events_refusal(sample: dict) -> str | None:
    """Why the sample's timers or messages cannot be read (engine/services/trial_events.py)."""
    timers = sample.get("timers", [])
    if not isinstance(timers, list) or not all(isinstance(t, str) for t in timers):
        return _('The sample\'s "timers" must be a list of timer event ids.')
    messages = sample.get("messages", {})
    if not isinstance(messages, dict) or not all(isinstance(p, dict) for p in messages.values()):
        return _(
            "The sample's \"messages\" must be an object giving each message's name its "
            "payload, an object."
        )
    return None
