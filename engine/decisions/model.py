"""The decisions of DMN documents, read from their XML: tables, rules, requirements, language.

Every decision of a file is read (SpiffWorkflow keeps only the first), with its decision
table, the decisions it requires (`informationRequirement/requiredDecision`) and, for each
expression and entry, its language. FEEL is the language when the text, an element around
it or the document says so in `expressionLanguage`, or when the document was written for
Camunda (`exporter="Camunda Modeler"`, the Camunda DMN namespace, a Camunda execution
platform): Camunda runs FEEL there. Otherwise, as SpiffWorkflow reads DMN, Python.
"""

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

FEEL, PYTHON = "feel", "python"
CAMUNDA_DMN_NS = "http://camunda.org/schema/1.0/dmn"
_MODELER_NS = "http://camunda.org/schema/modeler/1.0"
HIT_POLICIES = ("UNIQUE", "FIRST", "PRIORITY", "ANY", "COLLECT", "RULE ORDER", "OUTPUT ORDER")
AGGREGATIONS = ("SUM", "MIN", "MAX", "COUNT")


@dataclass
class Entry:
    text: str
    language: str  # FEEL, PYTHON, or the unknown language named
    line: int | None
    id: str = ""
    # Compiled on first use (feel_parse trees, for FEEL): a version's texts never change.
    compiled: Any = None


@dataclass
class Input:
    id: str
    label: str
    expression: Entry | None
    line: int | None


@dataclass
class Output:
    id: str
    name: str
    label: str
    # The allowed values, in priority order (PRIORITY and OUTPUT ORDER read them).
    values: Entry | None = None

    @property
    def key(self) -> str:
        return self.name or self.label


@dataclass
class Rule:
    id: str
    number: int
    line: int | None
    inputs: list[Entry] = field(default_factory=list)
    outputs: list[Entry] = field(default_factory=list)


@dataclass
class Decision:
    id: str
    name: str
    file: str
    line: int | None
    hit_policy: str = "UNIQUE"
    aggregation: str = ""
    inputs: list[Input] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    required: list[str] = field(default_factory=list)
    has_table: bool = True
    # A decision literal expression instead of a table: its text and its variable's name.
    literal: Entry | None = None
    variable: str = ""

    @property
    def runnable(self) -> bool:
        return self.has_table or self.literal is not None

    @property
    def title(self) -> str:
        return self.name or self.id


def _local(node: etree._Element) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def is_camunda(root: etree._Element) -> bool:
    """Whether a DMN document was written for Camunda, whose DMN engine runs FEEL."""
    exporter = (root.get("exporter") or "").lower()
    platform = root.get(f"{{{_MODELER_NS}}}executionPlatform")
    return "camunda" in exporter or bool(platform) or CAMUNDA_DMN_NS in root.nsmap.values()


def language_named(text: str) -> str:
    lowered = text.strip().lower()
    if "feel" in lowered:
        return FEEL
    if "python" in lowered or lowered in ("py", "text/x-python"):
        return PYTHON
    return text.strip()


def language_of(node: etree._Element, default: str) -> str:
    """The language of an expression element: its own, an enclosing one's, or `default`."""
    for holder in (node, *node.iterancestors()):
        declared = holder.get("expressionLanguage")
        if declared and declared.strip():
            return language_named(declared)
    return default


def default_language(root: etree._Element) -> str:
    return FEEL if is_camunda(root) else PYTHON


def _entry(node: etree._Element | None, ns: str, default: str) -> Entry | None:
    if node is None:
        return None
    text = node.find(f"{{{ns}}}text")
    return Entry(
        (text.text or "") if text is not None else "",
        language_of(node, default),
        text.sourceline if text is not None else node.sourceline,
        node.get("id", ""),
    )


def _table(decision: Decision, table: etree._Element, ns: str, default: str) -> None:
    decision.hit_policy = " ".join((table.get("hitPolicy") or "UNIQUE").upper().split())
    decision.aggregation = (table.get("aggregation") or "").strip().upper()
    for node in table:
        local = _local(node)
        if local == "input":
            expression = _entry(node.find(f"{{{ns}}}inputExpression"), ns, default)
            label = node.get("label") or node.get("name") or node.get("id", "")
            decision.inputs.append(Input(node.get("id", ""), label, expression, node.sourceline))
        elif local == "output":
            values = _entry(node.find(f"{{{ns}}}outputValues"), ns, default)
            output = Output(node.get("id", ""), node.get("name", ""), node.get("label", ""), values)
            decision.outputs.append(output)
        elif local == "rule":
            rule = Rule(node.get("id", ""), len(decision.rules) + 1, node.sourceline)
            for child in node:
                if _local(child) == "inputEntry":
                    rule.inputs.append(_entry(child, ns, default) or Entry("", default, None))
                elif _local(child) == "outputEntry":
                    rule.outputs.append(_entry(child, ns, default) or Entry("", default, None))
            decision.rules.append(rule)


def read_decisions(file: str, root: etree._Element) -> list[Decision]:
    """Every decision of one DMN document, in document order."""
    ns = etree.QName(root).namespace or ""
    default = default_language(root)
    decisions = []
    for node in root.iterfind(f"{{{ns}}}decision"):
        decision = Decision(node.get("id", ""), node.get("name", ""), file, node.sourceline)
        for requirement in node.iterfind(
            f"{{{ns}}}informationRequirement/{{{ns}}}requiredDecision"
        ):
            href = (requirement.get("href") or "").strip()
            required = href.split("#")[-1]
            if required and required not in decision.required:
                decision.required.append(required)
        table = node.find(f"{{{ns}}}decisionTable")
        if table is None:
            decision.has_table = False
            decision.literal = _entry(node.find(f"{{{ns}}}literalExpression"), ns, default)
            variable = node.find(f"{{{ns}}}variable")
            name = variable.get("name") if variable is not None else None
            decision.variable = (name or decision.id).strip()
        else:
            _table(decision, table, ns, default)
        decisions.append(decision)
    return decisions
