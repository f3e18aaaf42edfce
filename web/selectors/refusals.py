"""Why a task came back, for the page: a business refusal (shown above the form) or a later
person's step that sent it back with a reason (shown at the top of the page)."""

from engine.models import HumanTask
from engine.sent_back import sent_back_because
from web.selectors.customers import person_name


def sent_back(task: HumanTask) -> dict:
    """{"refusal": text} or {"by": name, "step": name, "reason": text}; {} when neither."""
    found = sent_back_because(task)
    if found is None:
        return {}
    if found.refused:
        return {"refusal": found.reason}
    return {"by": person_name(found.by), "step": found.step, "reason": found.reason}
