"""Running a decision for a business rule task: its required decisions first, then its rules.

A required decision's outputs are merged into the data the decision reads (a copy: the
process data is not changed by it), so they win over a process variable of the same name
as Camunda's decision requirement graphs do. FEEL entries are read by feel_eval over that
data; Python entries are evaluated by the process's sandboxed script engine exactly as
SpiffWorkflow's DMN engine evaluates them (an input entry joined to its input's expression).
"""

from typing import Any

from engine.runtime.spiff import DMNEngine, WorkflowTaskException

from .feel_eval import evaluate, matches, plain
from .feel_parse import parse_expression, parse_unary_tests
from .feel_tokens import Tree
from .hit_policies import Row, apply, as_data
from .model import FEEL, Decision, Entry, Input, Rule

_MISSING = object()


class _View:
    """The task, seen with other data: what a decision evaluates its expressions over."""

    def __init__(self, task: Any, data: dict[str, Any]) -> None:
        self._task = task
        self.data = data

    def __getattr__(self, name: str) -> Any:
        return getattr(self._task, name)


def _tree(entry: Entry, unary: bool) -> Tree:
    if entry.compiled is None:
        text = entry.text
        entry.compiled = parse_unary_tests(text) if unary else parse_expression(text)
    return entry.compiled


def _nested(outputs: dict[str, Any]) -> dict[str, Any]:
    """`{"a.b": 1}` as `{"a": {"b": 1}}`, as SpiffWorkflow stores a dotted output name."""
    result: dict[str, Any] = {}
    for key, value in outputs.items():
        parts = key.split(".")
        holder = result
        for part in parts[:-1]:
            if not isinstance(holder.get(part), dict):
                holder[part] = {}
            holder = holder[part]
        holder[parts[-1]] = value
    return result


class _Evaluation:
    def __init__(self, task: Any, decision: Decision, data: dict[str, Any]) -> None:
        self.task = task
        self.decision = decision
        self.data = data
        self.view = _View(task, data)
        self.values: dict[str, Any] = {}

    def value_of(self, source: Input) -> Any:
        """An input's value, for FEEL entries: null when its data is missing."""
        if source.id not in self.values:
            expression = source.expression
            if expression is None or not expression.text.strip():
                value = self.data.get(source.label)
            elif expression.language == FEEL:
                value = evaluate(_tree(expression, False), self.data)
            else:
                script_engine = self.task.workflow.script_engine
                value = script_engine.evaluate(self.view, expression.text.strip())
            self.values[source.id] = value
        return self.values[source.id]

    def _python_test(self, source: Input, entry: Entry) -> bool:
        expression = source.expression
        if expression is None or not expression.text.strip():
            input_text = repr(self.data[source.label])  # SpiffWorkflow's fallback on the label
        elif expression.language == FEEL:
            raise ValueError("a Python input entry under a FEEL input expression")
        else:
            input_text = expression.text.strip()
        return bool(DMNEngine(None).evaluate(input_text, entry.text.strip(), self.view))

    def matches(self, rule: Rule) -> bool:
        for source, entry in zip(self.decision.inputs, rule.inputs, strict=False):
            text = entry.text.strip()
            if not text or text == "-":
                continue
            if entry.language == FEEL:
                value = self.value_of(source)
                if not matches(_tree(entry, True), value, self.data):
                    return False
            elif not self._python_test(source, entry):
                return False
        return True

    def outputs(self, rule: Rule) -> dict[str, Any]:
        outputs: dict[str, Any] = {}
        for output, entry in zip(self.decision.outputs, rule.outputs, strict=False):
            text = entry.text.strip()
            if entry.language == FEEL:
                outputs[output.key] = plain(evaluate(_tree(entry, False), self.data))
            elif text:
                outputs[output.key] = self.task.workflow.script_engine.evaluate(self.view, text)
            else:
                outputs[output.key] = ""  # SpiffWorkflow's value for an empty Python entry
        return outputs

    def rows(self) -> list[Row]:
        found = []
        for rule in self.decision.rules:
            try:
                if self.matches(rule):
                    found.append((rule, self.outputs(rule)))
            except WorkflowTaskException as exc:
                exc.add_note(f'Rule {rule.number} of the decision "{self.decision.title}".')
                raise
        return found


class DecisionEngine:
    """What a business rule task calls: one decision of a catalog (every decision of the
    deployment's DMN files, by id), with the decisions it requires."""

    def __init__(self, catalog: dict[str, Decision], decision_id: str) -> None:
        self.catalog = catalog
        self.decision = catalog[decision_id]

    def results(self, task: Any) -> list[dict[str, Any]]:
        """The decision's results, one dict of outputs per result (Camunda's result list)."""
        return self._decide(task, self.decision, dict(task.data), ())

    def result(self, task: Any) -> dict[str, Any]:
        """What SpiffWorkflow merges into the task's data. A list of values (COLLECT, RULE
        ORDER, OUTPUT ORDER) replaces what its variable held: SpiffWorkflow's deep merge
        would add it to the list an earlier decision left there."""
        merged: dict[str, Any] = {}
        for key, value in _nested(as_data(self.decision, self.results(task))).items():
            if isinstance(value, list):
                task.data[key] = value
            else:
                merged[key] = value
        return merged

    def _decide(
        self, task: Any, decision: Decision, data: dict[str, Any], seen: tuple[str, ...]
    ) -> list[dict[str, Any]]:
        if decision.id in seen:  # refused at deploy; never loop at run time
            raise ValueError(f"the decisions {' → '.join([*seen, decision.id])} form a cycle")
        context = dict(data)
        for required in decision.required:
            needed = self.catalog[required]
            results = self._decide(task, needed, data, (*seen, decision.id))
            context.update(_nested(as_data(needed, results)))
        if decision.literal is not None:
            return [{decision.variable: self._literal(task, decision.literal, context)}]
        return apply(task, decision, _Evaluation(task, decision, context).rows())

    @staticmethod
    def _literal(task: Any, literal: Entry, context: dict[str, Any]) -> Any:
        """The value of a decision literal expression."""
        if literal.language == FEEL:
            return plain(evaluate(_tree(literal, False), context))
        return task.workflow.script_engine.evaluate(_View(task, context), literal.text.strip())
