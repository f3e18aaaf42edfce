"""A decision that cannot give a result becomes an incident, told in each language."""

from typing import Any

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _noop

from engine.runtime.spiff import WorkflowTaskException

LANGUAGES = ("en", "fr", "ru")

OVERLAP = _noop(
    'The decision "%(decision)s" has the hit policy UNIQUE, but several rules match: '
    "%(rules)s. Make the rules exclude each other, or choose the hit policy FIRST, PRIORITY "
    "or COLLECT."
)
DISAGREE = _noop(
    'The decision "%(decision)s" has the hit policy ANY, but the rules that match give '
    "different outputs: %(rules)s."
)
NOT_A_NUMBER = _noop(
    'The decision "%(decision)s" aggregates its output "%(output)s" (COLLECT %(aggregation)s), '
    "but %(rule)s gives %(value)s, which is not a number."
)
TOO_MANY_RESULTS = _noop(
    'The business rule task maps the result of the decision "%(decision)s" as %(mapping)s, '
    "which takes at most one result, but more than one rule matches."
)
TOO_MANY_ENTRIES = _noop(
    'The business rule task maps the result of the decision "%(decision)s" as %(mapping)s, '
    "which takes a single output per result, but it gives %(outputs)s."
)
RULE = _noop("rule %(number)s (%(id)s)")


class DecisionFailure(WorkflowTaskException):
    """Raised while a business rule task decides; `translations` has the message by language."""

    def __init__(self, task: Any, message: str, translations: dict[str, str]) -> None:
        super().__init__(message, task=task)
        self.translations = translations


def _render(template: str, params: dict[str, Any], language: str) -> str:
    with translation.override(language):
        values = {
            key: value(language) if callable(value) else value for key, value in params.items()
        }
        return gettext(template) % values


def rules_named(rules: list[Any]) -> Any:
    """`rule 1 (Rule_a), rule 3 (Rule_c)` in the language it is rendered in."""

    def render(language: str) -> str:
        return ", ".join(_render(RULE, {"number": r.number, "id": r.id}, language) for r in rules)

    return render


def failure(task: Any, template: str, **params: Any) -> DecisionFailure:
    translations = {language: _render(template, params, language) for language in LANGUAGES}
    return DecisionFailure(task, translations["en"], translations)
