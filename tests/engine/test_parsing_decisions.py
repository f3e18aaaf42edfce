"""The Python in a bundle's DMN decision tables is checked at deploy, as SpiffWorkflow runs it.

Input expressions and output entries are Python expressions; an input entry is checked
joined to its input's expression the way SpiffWorkflow's DMN engine joins it. A refused
construct names the file, the rule (or the input) and the line; nothing is stored.
"""

import io
import zipfile
from pathlib import Path
from string import Template
from xml.sax.saxutils import escape

import pytest

from engine.models import Deployment, ProcessDefinition
from engine.parsing.decisions import joined_expressions
from engine.parsing.errors import DeploymentInvalid
from engine.services.definitions import definition_deploy, definition_validate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "parsing"
SHIPPED = Path(__file__).resolve().parents[2] / "processes" / "bpmn"
ORDINARY = {
    "input_expression": "order['total']",
    "input_entry": ">= 1000",
    "output_entry": '"gold"',
}
HOSTILE = ["__import__('os').system('x')", "().__class__"]


def discount_dmn(**changes: str) -> str:
    values = {name: escape(value) for name, value in {**ORDINARY, **changes}.items()}
    return Template((FIXTURES / "discount.dmn").read_text()).substitute(values)


def bundle(dmn: str, **more: str) -> bytes:
    files = {"pricing.bpmn": (FIXTURES / "business_rule.bpmn").read_text(), "discount.dmn": dmn}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in {**files, **more}.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def line_with(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def validate(content: bytes):
    report = definition_validate(file_name="pricing.zip", content=content)
    for error in report.errors:
        assert error.file
        assert error.message.strip()
    return report


def refused(dmn: str):
    report = validate(bundle(dmn))
    assert not report.valid
    assert report.processes == []
    assert all(error.file == "discount.dmn" for error in report.errors), report.errors
    return report.errors


@pytest.mark.parametrize(
    ("input_entry", "output_entry"),
    [
        (">= 1000", '"gold"'),
        ("1000", "{'rate': 0.1, 'label': 'gold'}"),
        ("? >= 1000 and ? < 5000", "round(order['total'] * 0.1, 2)"),
        ('"what?"', "'gold'"),
        ("-", "None"),
        ("", ""),
    ],
)
def test_an_ordinary_decision_table_is_valid(input_entry, output_entry):
    dmn = discount_dmn(input_entry=input_entry, output_entry=output_entry)

    report = validate(bundle(dmn))

    assert report.valid, report.errors
    assert report.processes == ["pricing"]


@pytest.mark.parametrize("output_entry", HOSTILE)
def test_a_refused_output_entry_names_the_rule_and_its_line(output_entry):
    dmn = discount_dmn(output_entry=output_entry)

    rule_line = line_with(dmn, '<rule id="big_order">')

    [error] = refused(dmn)

    assert error.element_id == "big_order"
    assert error.line == line_with(dmn, escape(output_entry))
    assert error.message.startswith(
        f'dmn:rule "big_order" (rule 1) of decision "discount_level" at line {rule_line}: '
        f'the output entry for "Discount" on line {error.line} is refused: '
        "names starting with '_' are not allowed"
    )


@pytest.mark.parametrize("input_expression", HOSTILE)
def test_a_refused_input_expression_names_the_input_and_its_line(input_expression):
    dmn = discount_dmn(input_expression=input_expression)

    # Its entries are not joined to a refused expression: one problem, on the input.
    [error] = refused(dmn)

    assert error.element_id == "order_total_input"
    assert error.line == line_with(dmn, escape(input_expression))
    assert "the input expression on line" in error.message
    assert "names starting with '_' are not allowed" in error.message


@pytest.mark.parametrize(
    "input_entry",
    [
        "== ().__class__",
        "__import__('os').system('x')",
        "? == __import__('os').getcwd()",
        ".__class__",
    ],
)
def test_a_refused_input_entry_names_the_rule_and_its_line(input_entry):
    dmn = discount_dmn(input_entry=input_entry)

    [error] = refused(dmn)

    assert error.element_id == "big_order"
    assert error.line == line_with(dmn, escape(input_entry))
    assert 'the input entry for "Order total"' in error.message
    assert "names starting with '_' are not allowed" in error.message


@pytest.mark.parametrize(
    ("field", "text", "refused_part"),
    [
        ("output_entry", "{\n  'rate': 0.1,\n  'kind': ().__class__,\n}", "'kind'"),
        ("input_entry", "? >= 1000 and (\n  ().__class__\n)", "().__class__"),
        ("input_entry", ">= (1000 +\n  len(().__class__.__name__))", "len("),
    ],
    ids=["output entry", "input entry with ?", "input entry joined"],
)
def test_a_multi_line_entry_gives_the_line_of_the_refused_part(field, text, refused_part):
    dmn = discount_dmn(**{field: text})

    errors = refused(dmn)

    assert {e.element_id for e in errors} == {"big_order"}
    assert {e.line for e in errors} == {line_with(dmn, refused_part)}


def test_an_input_entry_that_is_no_python_test_is_refused_with_its_line():
    dmn = discount_dmn(input_entry="[1000..5000]")

    [error] = refused(dmn)

    assert error.element_id == "big_order"
    assert error.line == line_with(dmn, "[1000..5000]")
    assert "is refused: it is not valid Python" in error.message


def test_an_input_entry_is_joined_to_its_input_as_spiffworkflow_joins_it():
    assert joined_expressions("order_total", "> 5000") == ["order_total> 5000"]
    assert joined_expressions("segment", '"gold"') == ['(segment) == ("gold")']
    assert joined_expressions("total", "? > 3") == ["dmninputexpr > 3"]
    with pytest.raises(SyntaxError):
        joined_expressions("total", "[1..10]")


def test_a_decision_table_no_process_calls_is_checked_too():
    dmn = discount_dmn(output_entry=HOSTILE[0]).replace("discount_level", "unused_decision")
    content = bundle(discount_dmn(), **{"unused.dmn": dmn})

    report = validate(content)

    assert not report.valid
    [error] = report.errors
    assert (error.file, error.element_id) == ("unused.dmn", "big_order")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [{"output_entry": HOSTILE[0]}, {"input_expression": HOSTILE[1]}, {"input_entry": HOSTILE[1]}],
    ids=["output entry", "input expression", "input entry"],
)
def test_a_deployment_with_a_refused_decision_table_stores_nothing(change):
    with pytest.raises(DeploymentInvalid) as caught:
        definition_deploy(
            file_name="pricing.zip",
            content=bundle(discount_dmn(**change)),
            user=None,
            check_role=False,
        )

    assert {p.file for p in caught.value.problems} == {"discount.dmn"}
    assert ProcessDefinition.objects.count() == 0
    assert Deployment.objects.count() == 0


@pytest.mark.django_db
def test_a_deployment_with_an_ordinary_decision_table_is_stored():
    result = definition_deploy(
        file_name="pricing.zip", content=bundle(discount_dmn()), user=None, check_role=False
    )

    assert [d.key for d in result.definitions] == ["pricing"]


def test_the_shipped_processes_and_decision_table_are_valid():
    files = sorted(SHIPPED.glob("*.bpmn")) + [SHIPPED / "purchase-approval.dmn"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in files:
            archive.writestr(path.name, path.read_text())

    report = validate(buffer.getvalue())

    assert report.valid, report.errors
    assert report.processes == ["procurement", "production", "sales", "shipment"]
