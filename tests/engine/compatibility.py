# ruff: noqa: E501 - the rows hold one-line BPMN snippets
"""The compatibility table of docs/modeling.md, as data: each row a construct of one
dialect, what HyperCRM does with it, and a minimal diagram in that tool's style that the
test validates to prove it (tests/engine/test_compatibility_table.py)."""

import io
import zipfile
from dataclasses import dataclass

SUPPORTED, WARNED, REFUSED = "supported", "ignored or relaxed, with a warning", "refused"

_HEADER = {
    "Camunda 7": (
        'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" '
        'xmlns:modeler="http://camunda.org/schema/modeler/1.0" exporter="Camunda Modeler" '
        'exporterVersion="5.29.0" modeler:executionPlatform="Camunda Platform"'
    ),
    "SpiffArena": 'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core"',
}


@dataclass(frozen=True)
class Row:
    dialect: str
    construct: str
    verdict: str
    how: str
    # The element drawn between the start and the end event; its id is Element_1.
    element: str
    # A phrase the warning or refusal about Element_1 contains.
    phrase: str = ""
    # Further elements of the process (sequence flows are drawn start → Element_1 → end).
    extra: str = ""
    element_id: str = "Element_1"
    # A DMN file deployed with the diagram (decision.dmn), for the decision rows.
    dmn: str = ""
    # A form's JSON Schema deployed with the diagram (form.json), for the form rows.
    form: str = ""

    def diagram(self) -> str:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            f'{_HEADER[self.dialect]} id="Definitions_1" '
            'targetNamespace="http://bpmn.io/schema/bpmn">\n'
            '  <bpmn:process id="compat" isExecutable="true">\n'
            '    <bpmn:startEvent id="Start_1" />\n'
            f"    {self.element}\n"
            '    <bpmn:endEvent id="End_1" />\n'
            '    <bpmn:sequenceFlow id="Flow_in" sourceRef="Start_1" targetRef="Element_1" />\n'
            '    <bpmn:sequenceFlow id="Flow_out" sourceRef="Element_1" targetRef="End_1" />\n'
            f"    {self.extra}\n"
            "  </bpmn:process>\n"
            "</bpmn:definitions>\n"
        )


def _user(attributes: str = "", extensions: str = "") -> str:
    inner = f"<bpmn:extensionElements>{extensions}</bpmn:extensionElements>" if extensions else ""
    return f'<bpmn:userTask id="Element_1" name="Review" {attributes}>{inner}</bpmn:userTask>'


def _script(attributes: str = "", extensions: str = "", script: str = "done = True") -> str:
    inner = f"<bpmn:extensionElements>{extensions}</bpmn:extensionElements>" if extensions else ""
    return (
        f'<bpmn:scriptTask id="Element_1" name="Work" scriptFormat="python" {attributes}>'
        f"{inner}<bpmn:script>{script}</bpmn:script></bpmn:scriptTask>"
    )


def _service(attributes: str, extensions: str = "") -> str:
    inner = f"<bpmn:extensionElements>{extensions}</bpmn:extensionElements>" if extensions else ""
    return f'<bpmn:serviceTask id="Element_1" name="Call" {attributes}>{inner}</bpmn:serviceTask>'


C, S = "Camunda 7", "SpiffArena"
ROWS = [
    Row(
        C,
        "camunda:assignee, candidateGroups, candidateUsers, dueDate, followUpDate, priority",
        SUPPORTED,
        "read from the user task; `${…}` evaluated when the task opens",
        _user('camunda:assignee="${owner}" camunda:candidateGroups="sales" camunda:dueDate="P2D"'),
    ),
    Row(
        C,
        "camunda:formKey naming a JSON Schema file",
        SUPPORTED,
        "the form of the user task (bundle or forms folder)",
        _user('camunda:formKey="procurement-approval-schema.json"'),
    ),
    Row(
        C,
        "camunda:formKey naming an HTML or JSF page (`.html`, `.jsf`)",
        REFUSED,
        "HTML and JSF forms cannot be shown; use a JSON Schema form",
        _user('camunda:formKey="embedded:app:forms/approve.html"'),
        "embedded HTML",
    ),
    Row(
        C,
        "camunda:formData (generated forms): string, long, boolean, date, enum; required, minlength, maxlength, min, max, readonly",
        SUPPORTED,
        "the task's form, as JSON Schema: the page shows it, the server refuses a value that breaks a constraint",
        _user(
            "",
            '<camunda:formData><camunda:formField id="ok" label="OK?" type="boolean" /><camunda:formField id="n" type="long"><camunda:validation><camunda:constraint name="min" config="1" /></camunda:validation></camunda:formField></camunda:formData>',
        ),
    ),
    Row(
        C,
        "camunda:formData custom field type or custom validator",
        REFUSED,
        "named; use a JSON Schema form file",
        _user(
            "",
            '<camunda:formData><camunda:formField id="amount" type="money" /></camunda:formData>',
        ),
        "the type “money”",
    ),
    Row(
        C,
        "camunda:properties on a camunda:formField",
        WARNED,
        "ignored",
        _user(
            "",
            '<camunda:formData><camunda:formField id="note" type="string"><camunda:properties><camunda:property id="p" value="v" /></camunda:properties></camunda:formField></camunda:formData>',
        ),
        "the generated form ignores",
    ),
    Row(
        C,
        "Timer `timeCycle` as a Quartz cron expression (`0 0 9 ? * MON-FRI`, seconds first, optional year)",
        SUPPORTED,
        "start, boundary and intermediate timers wait for its next moment (croniter), in the server's time zone",
        '<bpmn:intermediateCatchEvent id="Element_1" name="Weekdays at 9"><bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">0 0 9 ? * MON-FRI</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
    ),
    Row(
        C,
        "Quartz cron `L-n`, `LW`, or a day of the month and of the week both given",
        REFUSED,
        "the construct named; `L`, `nW`, `nL` and `n#k` are supported",
        '<bpmn:intermediateCatchEvent id="Element_1" name="Month end"><bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">0 0 9 LW * ?</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
        "uses “LW”",
    ),
    Row(
        C,
        "camunda:properties",
        SUPPORTED,
        "read like SpiffArena's properties (businessKey, correlationKey, formInput, …)",
        _script(
            "",
            '<camunda:properties><camunda:property name="note" value="x" /></camunda:properties>',
        ),
    ),
    Row(
        C,
        "`camunda:inputOutput` on a task, sub-process or call activity (text, ${…}, list, map, Python script)",
        SUPPORTED,
        "inputs are the activity's local variables while it runs; outputs are written to the process data when it ends",
        _user(
            "",
            '<camunda:inputOutput><camunda:inputParameter name="a"><camunda:list><camunda:value>${x}</camunda:value></camunda:list></camunda:inputParameter>'
            '<camunda:outputParameter name="b"><camunda:script scriptFormat="python">len(a)</camunda:script></camunda:outputParameter></camunda:inputOutput>',
        ),
    ),
    Row(
        C,
        "`camunda:script` parameter in another language than Python",
        REFUSED,
        "write the script in Python",
        _script(
            "",
            '<camunda:inputOutput><camunda:inputParameter name="a"><camunda:script scriptFormat="groovy">1</camunda:script></camunda:inputParameter></camunda:inputOutput>',
        ),
        "has a script in “groovy”",
    ),
    Row(
        C,
        "`camunda:inputOutput` on an event or gateway",
        REFUSED,
        "set the variables in a task before it",
        '<bpmn:intermediateThrowEvent id="Element_1"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="a">1</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:intermediateThrowEvent>',
        "which HyperCRM runs on tasks, sub-processes and call activities only",
    ),
    Row(
        C,
        "Execution listener (start, end) with an expression or a Python script",
        SUPPORTED,
        "runs when the activity, or the process, starts / ends",
        _script(
            "",
            '<camunda:executionListener event="start"><camunda:script scriptFormat="python">seen = True</camunda:script></camunda:executionListener>',
        ),
    ),
    Row(
        C,
        "Task listener (create, complete) with an expression or a Python script",
        SUPPORTED,
        "runs when the user task opens / is completed",
        _user("", '<camunda:taskListener event="create" expression="${x}" />'),
    ),
    Row(
        C,
        "Listener with a Java class or delegateExpression",
        REFUSED,
        "draw the work as a task (an external task for Java workers)",
        _script("", '<camunda:executionListener class="org.acme.Audit" event="start" />'),
        "a Java class: org.acme.Audit",
    ),
    Row(
        C,
        "Listener on another event (take, assignment, update, delete, timeout) or on an event, gateway or flow",
        REFUSED,
        "the event or the place named; put the work in a task",
        _user("", '<camunda:taskListener event="assignment" expression="${x}" />'),
        "on the event “assignment”",
    ),
    Row(
        C,
        'Service task `camunda:type="external"` + `camunda:topic`',
        SUPPORTED,
        "a connector of HyperCRM by that name, else an external task for /engine-rest/ workers",
        _service('camunda:type="external" camunda:topic="credit-check"'),
    ),
    Row(
        C,
        "`camunda:inputParameter` of a service task whose topic is a connector",
        SUPPORTED,
        "the connector's parameters: text, or one ${…} expression (what the connector element templates write)",
        _service(
            'camunda:type="external" camunda:topic="http" camunda:resultVariable="answer"',
            '<camunda:inputOutput><camunda:inputParameter name="url">${service_url}</camunda:inputParameter></camunda:inputOutput>',
        ),
    ),
    Row(
        C,
        "`camunda:outputParameter` of a service task whose topic is a connector",
        REFUSED,
        "read the connector's result variable (`camunda:resultVariable`)",
        _service(
            'camunda:type="external" camunda:topic="http"',
            '<camunda:inputOutput><camunda:outputParameter name="s">${answer.status}</camunda:outputParameter></camunda:inputOutput>',
        ),
        "It has the output parameter “s”",
    ),
    Row(
        C,
        "Service task with `camunda:class` / `delegateExpression` / `expression` (Java)",
        REFUSED,
        "make it an external task",
        _service('camunda:class="org.acme.Archive"'),
        "It runs Java",
    ),
    Row(
        C,
        "Camunda Connect (`camunda:connector`)",
        REFUSED,
        "use a connector topic such as `http`",
        _service(
            "",
            "<camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector>",
        ),
        "Camunda Connect",
    ),
    Row(
        C,
        "Script task in JavaScript, Groovy, …",
        REFUSED,
        "scripts are Python",
        '<bpmn:scriptTask id="Element_1" scriptFormat="javascript"><bpmn:script>x = 1</bpmn:script></bpmn:scriptTask>',
        'script language "javascript" is not supported',
    ),
    Row(
        C,
        "Script from `camunda:resource`",
        REFUSED,
        "write the script into the task",
        _script('camunda:resource="deployment://audit.py"'),
        "camunda:resource",
    ),
    Row(
        C,
        "`${…}` JUEL conditions (`&&`, `||`, `!`, `eq`, `empty`, `null`)",
        SUPPORTED,
        "read as Python",
        '<bpmn:exclusiveGateway id="Element_1" default="Flow_out" />',
        extra='<bpmn:sequenceFlow id="Flow_big" sourceRef="Element_1" targetRef="End_1">'
        '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${total &gt; 1000 &amp;&amp; !vip}'
        "</bpmn:conditionExpression></bpmn:sequenceFlow>",
    ),
    Row(
        C,
        "Gateway flow without a condition, not the default",
        WARNED,
        "taken as true, in the order written, as Camunda takes it",
        '<bpmn:exclusiveGateway id="Element_1" />',
        "it is taken as true",
        element_id="Flow_out",
        extra='<bpmn:sequenceFlow id="Flow_big" sourceRef="Element_1" targetRef="End_1">'
        '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${big}</bpmn:conditionExpression>'
        "</bpmn:sequenceFlow>",
    ),
    Row(
        C,
        "Task with several outgoing flows",
        WARNED,
        "an implicit parallel split: all start",
        _script(),
        "an implicit parallel split",
        extra='<bpmn:sequenceFlow id="Flow_also" sourceRef="Element_1" targetRef="End_1" />',
    ),
    Row(
        C,
        "Data association to a data store or a process's data input/output",
        WARNED,
        "ignored: task data are the process variables",
        '<bpmn:task id="Element_1" name="File"><bpmn:dataOutputAssociation id="A_1">'
        "<bpmn:targetRef>Store_1</bpmn:targetRef></bpmn:dataOutputAssociation></bpmn:task>",
        "so it is ignored",
        extra='<bpmn:dataStoreReference id="Store_1" name="Archive" />',
    ),
    Row(
        C,
        "Start event `camunda:formKey`",
        WARNED,
        "not shown: a case starts with the variables it is given",
        _script(),
        "start form",
        element_id="Start_1",
        extra="",
    ),
    Row(C, "camunda:initiator", SUPPORTED, "the starting user's name in that variable", _script()),
    Row(
        C,
        "Call activity `calledElement` deployed earlier, `calledElementBinding` latest / "
        "version / deployment",
        SUPPORTED,
        "bound when the caller is deployed (see above)",
        '<bpmn:callActivity id="Element_1" calledElement="compat_callee" '
        'camunda:calledElementBinding="deployment" />',
        extra='</bpmn:process><bpmn:process id="compat_callee" isExecutable="true">'
        '<bpmn:startEvent id="Callee_start" />',
    ),
    Row(
        C,
        '`camunda:calledElementBinding="versionTag"`',
        REFUSED,
        "HyperCRM keeps no version tags",
        '<bpmn:callActivity id="Element_1" calledElement="other" camunda:calledElementBinding="versionTag" '
        'camunda:calledElementVersionTag="v1" />',
        "by version tag",
    ),
    Row(
        C,
        '`camunda:in` / `camunda:out` (source, sourceExpression, variables="all")',
        SUPPORTED,
        "only what is mapped crosses, as in Camunda",
        '<bpmn:callActivity id="Element_1" calledElement="compat_callee"><bpmn:extensionElements>'
        '<camunda:in source="a" target="b" /><camunda:out variables="all" /></bpmn:extensionElements>'
        "</bpmn:callActivity>",
        extra='</bpmn:process><bpmn:process id="compat_callee" isExecutable="true">'
        '<bpmn:startEvent id="Callee_start" />',
    ),
    Row(
        C,
        "Activiti namespace (`http://activiti.org/bpmn`)",
        SUPPORTED,
        "read as Camunda's, as Camunda 7 reads it",
        '<bpmn:userTask id="Element_1" xmlns:activiti="http://activiti.org/bpmn" '
        'activiti:candidateGroups="sales" />',
    ),
    Row(
        S,
        "spiffworkflow:properties, formJsonSchemaFilename, instructionsForEndUser",
        SUPPORTED,
        "the task's form, instructions and properties",
        '<bpmn:userTask id="Element_1"><bpmn:extensionElements><spiffworkflow:properties>'
        '<spiffworkflow:property name="formJsonSchemaFilename" value="procurement-approval-schema.json" />'
        "</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>",
    ),
    Row(
        S,
        "spiffworkflow:serviceTaskOperator",
        SUPPORTED,
        "a connector of HyperCRM",
        '<bpmn:serviceTask id="Element_1"><bpmn:extensionElements>'
        '<spiffworkflow:serviceTaskOperator id="http" resultVariable="r">'
        "<spiffworkflow:parameters /></spiffworkflow:serviceTaskOperator>"
        "</bpmn:extensionElements></bpmn:serviceTask>",
    ),
    Row(
        S,
        "spiffworkflow:preScript / postScript",
        SUPPORTED,
        "Python in the sandbox",
        '<bpmn:userTask id="Element_1"><bpmn:extensionElements>'
        "<spiffworkflow:preScript>a = 1</spiffworkflow:preScript>"
        "</bpmn:extensionElements></bpmn:userTask>",
    ),
    Row(
        S,
        "Script importing a module",
        REFUSED,
        "no imports in the sandbox",
        _script(script="import os"),
        "is refused",
    ),
    Row(
        S,
        "Script helpers get_current_user, get_process_initiator_user, get_toplevel_process_info, get_env, get_localtime, get_group_members, get_last_user_completing_task",
        SUPPORTED,
        "who acts, who started the case, the case, the deployment's name, time zones, a group's members, who completed a task",
        _script(
            script="me = get_current_user()\ninfo = get_toplevel_process_info()\nwhere = get_env()"
        ),
    ),
    Row(
        S,
        "`datetime` (the class, read like the module too), `timedelta`, `time`, `decimal`, dot access to dict data (`order.total`)",
        SUPPORTED,
        "as SpiffArena gives them, without `time.sleep` or a decimal context",
        _script(
            script="due = datetime.datetime.now() + timedelta(days=2)\nnet = decimal.Decimal(order.total)"
        ),
    ),
    Row(
        S,
        "Other SpiffArena script helpers (get_secret, set_user_properties, markdown_file_download_link, …)",
        REFUSED,
        "each named, with HyperCRM's equivalent or why there is none",
        _script(script='key = get_secret("SUPPLIER_API_KEY")'),
        "get_secret(), a SpiffArena helper HyperCRM has no equivalent for",
    ),
    Row(
        S,
        "`time.sleep()` in a script",
        REFUSED,
        "a script never waits; draw a timer event",
        _script(script="time.sleep(5)"),
        "time.sleep() is not available",
    ),
    Row(
        S,
        "Timer expression computing a `timedelta` or a `datetime`",
        SUPPORTED,
        "the timer waits that long, or until then (bounded, as every timer, at 100 years)",
        '<bpmn:intermediateCatchEvent id="Element_1"><bpmn:timerEventDefinition>'
        "<bpmn:timeDate>datetime.now() + timedelta(days=2)</bpmn:timeDate>"
        "</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>",
    ),
    Row(
        S,
        'Form field `"anyOf": ["options_from_task_data_var:…"]` (choices from the task data)',
        SUPPORTED,
        "a choice list of the variable's `{value, label}` items; any other value is refused at the field",
        '<bpmn:userTask id="Element_1"><bpmn:extensionElements><spiffworkflow:properties>'
        '<spiffworkflow:property name="formJsonSchemaFilename" value="form.json" />'
        "</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>",
        form='{"type": "object", "properties": {"fruit": {"type": "string", '
        '"anyOf": ["options_from_task_data_var:fruits"]}}}',
    ),
]

_DMN_HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" '
    'xmlns:modeler="http://camunda.org/schema/modeler/1.0" '
    'xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="Definitions_1" name="DRD" '
    'namespace="http://camunda.org/schema/1.0/dmn" exporter="Camunda Modeler" '
    'exporterVersion="5.29.0" modeler:executionPlatform="Camunda Platform">\n'
)
_RULE_TASK = (
    '<bpmn:businessRuleTask id="Element_1" name="Decide" camunda:decisionRef="Decision_1" '
    "{attributes} />"
)


def _table(
    entry: str = "&gt;= 1000", policy: str = "", output: str = '"big"', extra: str = ""
) -> str:
    """A Camunda Modeler 5 DMN file: decision Decision_1, one input, one output, one rule."""
    return (
        f"{_DMN_HEADER}"
        '  <decision id="Decision_1" name="Size">\n'
        f"    {extra}"
        f'    <decisionTable id="DecisionTable_1"{policy}>\n'
        '      <input id="Input_1" label="Total"><inputExpression id="InputExpression_1" '
        'typeRef="number"><text>total</text></inputExpression></input>\n'
        '      <output id="Output_1" label="Size" name="size" typeRef="string" />\n'
        f'      <rule id="Rule_1"><inputEntry id="UnaryTests_1"><text>{entry}</text></inputEntry>'
        f'<outputEntry id="LiteralExpression_1"><text>{output}</text></outputEntry></rule>\n'
        "    </decisionTable>\n  </decision>\n"
        '  <decision id="Decision_0" name="Base"><decisionTable id="DecisionTable_0">'
        '<input id="Input_0"><inputExpression id="InputExpression_0"><text>total</text>'
        '</inputExpression></input><output id="Output_0" name="base" />'
        '<rule id="Rule_0"><inputEntry id="UnaryTests_0"><text>-</text></inputEntry>'
        '<outputEntry id="LiteralExpression_0"><text>1</text></outputEntry></rule>'
        "</decisionTable></decision>\n</definitions>\n"
    )


def _rule_task(attributes: str = "") -> str:
    return _RULE_TASK.format(attributes=attributes)


ROWS += [
    Row(
        C,
        "DMN hit policies UNIQUE, FIRST, PRIORITY, ANY, COLLECT (SUM, MIN, MAX, COUNT), RULE ORDER, OUTPUT ORDER",
        SUPPORTED,
        "as DMN says; overlapping rules of a UNIQUE table, or rules of an ANY table that disagree, are an incident naming the rules",
        _rule_task(),
        dmn=_table(policy=' hitPolicy="COLLECT" aggregation="COUNT"'),
    ),
    Row(
        C,
        "DMN in FEEL: simple unary tests and simple expressions",
        SUPPORTED,
        "ranges, comparisons, lists, not(…), -, strings, numbers, dates, paths, arithmetic, and / or, if … then … else; a missing value matches no test",
        _rule_task(),
        dmn=_table(
            entry="[1000..5000), &gt; 9000, 42",
            output='if total &gt; 2000 then "big" else "medium"',
        ),
    ),
    Row(
        C,
        "DMN in FEEL beyond simple expressions (contexts, for / some / every, functions defined or not listed)",
        REFUSED,
        "the construct named, with the rule, the input and the line",
        _rule_task(),
        "is not in the FEEL HyperCRM runs",
        element_id="Rule_1",
        dmn=_table(entry="some x in [1, 2] satisfies x &gt; total"),
    ),
    Row(
        C,
        "DMN expression language JUEL, JavaScript or Groovy",
        REFUSED,
        "write FEEL or Python",
        _rule_task(),
        "is not one HyperCRM runs",
        element_id="Rule_1",
        dmn=_table().replace(
            '<inputEntry id="UnaryTests_1">',
            '<inputEntry id="UnaryTests_1" expressionLanguage="juel">',
        ),
    ),
    Row(
        C,
        "Decision requirement graph (requiredDecision)",
        SUPPORTED,
        "required decisions decided first, their outputs read by name; a missing or circular one refused at deploy",
        _rule_task(),
        dmn=_table(
            extra='<informationRequirement id="InformationRequirement_1"><requiredDecision href="#Decision_0" /></informationRequirement>\n'
        ),
    ),
    Row(
        C,
        "DMN decision literal expression",
        SUPPORTED,
        "its value goes into its variable; called or required like a table",
        _rule_task().replace("Decision_1", "Decision_2"),
        dmn=_table().replace(
            "</definitions>",
            '<decision id="Decision_2" name="Factor"><variable id="InformationItem_2" '
            'name="factor" /><literalExpression id="LiteralExpression_2"><text>total * 0.1'
            "</text></literalExpression></decision>\n</definitions>",
        ),
    ),
    Row(
        C,
        "camunda:decisionRef with camunda:resultVariable and mapDecisionResult",
        SUPPORTED,
        "singleEntry, singleResult, collectEntries, resultList (the default) into the variable; without a variable, the outputs by name",
        _rule_task('camunda:resultVariable="size" camunda:mapDecisionResult="singleEntry"'),
        dmn=_table(),
    ),
    Row(
        C,
        'camunda:decisionRefBinding="version" or "versionTag"',
        REFUSED,
        "the decision of the same deployment is called (latest, deployment)",
        _rule_task('camunda:decisionRefBinding="version" camunda:decisionRefVersion="3"'),
        "binds its decision by version",
        dmn=_table(),
    ),
    Row(
        S,
        "DMN tables in Python (spiffworkflow:calledDecisionId)",
        SUPPORTED,
        "as SpiffWorkflow runs them: entries are Python, UNIQUE keeps the first match",
        '<bpmn:businessRuleTask id="Element_1"><bpmn:extensionElements><spiffworkflow:calledDecisionId>'
        "Decision_1</spiffworkflow:calledDecisionId></bpmn:extensionElements></bpmn:businessRuleTask>",
        dmn=_table(output="'big'")
        .replace(' exporter="Camunda Modeler"', "")
        .replace(' modeler:executionPlatform="Camunda Platform"', "")
        .replace(' xmlns:camunda="http://camunda.org/schema/1.0/dmn"', "")
        .replace(
            'namespace="http://camunda.org/schema/1.0/dmn"', 'namespace="http://example.org/dmn"'
        ),
    ),
]
# A start event with a form key replaces the row's plain start event.
START_FORM = '<bpmn:startEvent id="Start_1" camunda:formKey="app:start.jsf" />'
INITIATOR = '<bpmn:startEvent id="Start_1" camunda:initiator="starter" />'


def diagram_of(row: Row) -> str:
    text = row.diagram()
    if row.construct.startswith("Start event"):
        text = text.replace('<bpmn:startEvent id="Start_1" />', START_FORM)
    if row.construct == "camunda:initiator":
        text = text.replace('<bpmn:startEvent id="Start_1" />', INITIATOR)
    return text


def upload_of(row: Row) -> dict:
    """What the row's test validates: its diagram, zipped with its DMN file if it has one."""
    if not row.dmn and not row.form:
        return {"file_name": "compat.bpmn", "content": diagram_of(row).encode()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("compat.bpmn", diagram_of(row))
        if row.dmn:
            archive.writestr("decision.dmn", row.dmn)
        if row.form:
            archive.writestr("form.json", row.form)
    return {"file_name": "compat.zip", "content": buffer.getvalue()}


def render() -> str:
    """The table as docs/modeling.md shows it."""
    lines = ["| Dialect | Construct | HyperCRM | How |", "|---|---|---|---|"]
    for row in ROWS:
        cell = row.construct.replace("|", "\\|")
        lines.append(f"| {row.dialect} | {cell} | {row.verdict} | {row.how} |")
    return "\n".join(lines)
