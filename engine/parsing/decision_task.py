"""The business rule task: which decision it calls and where Camunda's result goes."""

from typing import Any

from django.utils.translation import gettext as _
from lxml import etree

from engine.decisions.mapping import MAPPINGS, MappedDecision
from engine.runtime.spiff import SpiffDecisionTaskParser, ValidationException

from .xml import CAMUNDA_NS

_C = f"{{{CAMUNDA_NS}}}"


class DecisionTaskParser(SpiffDecisionTaskParser):
    """A business rule task calls spiffworkflow:calledDecisionId or Camunda's decisionRef,
    whose result goes into camunda:resultVariable as camunda:mapDecisionResult says."""

    def create_task(self) -> Any:
        binding = (self.node.get(f"{_C}decisionRefBinding") or "latest").strip()
        if binding not in ("latest", "deployment"):
            raise ValidationException(
                _(
                    "It binds its decision by %(binding)s (camunda:decisionRefBinding="
                    '"%(binding)s"); HyperCRM calls the decision of the same deployment: use '
                    "latest or deployment."
                )
                % {"binding": binding},
                node=self.node,
                file_name=self.filename,
            )
        reference = self.get_decision_ref(self.node) or ""
        if "${" in reference or "#{" in reference:
            raise ValidationException(
                _(
                    'It names its decision by an expression ("%(reference)s"); name the '
                    "decision's id itself."
                )
                % {"reference": reference},
                node=self.node,
                file_name=self.filename,
            )
        task = super().create_task()
        variable = (self.node.get(f"{_C}resultVariable") or "").strip()
        mapping = (self.node.get(f"{_C}mapDecisionResult") or "resultList").strip()
        if mapping not in MAPPINGS:
            raise ValidationException(
                _(
                    'Its camunda:mapDecisionResult "%(mapping)s" is not one Camunda defines '
                    "(%(known)s)."
                )
                % {"mapping": mapping, "known": ", ".join(MAPPINGS)},
                node=self.node,
                file_name=self.filename,
            )
        if variable:
            task.dmnEngine = MappedDecision(task.dmnEngine, mapping, variable)
        return task

    @staticmethod
    def get_decision_ref(node: etree._Element) -> str | None:
        called = SpiffDecisionTaskParser.get_decision_ref(node)
        return called or node.get(f"{_C}decisionRef")
