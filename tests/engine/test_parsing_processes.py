"""Diagrams that are well-formed XML but cannot be deployed say exactly where and why.

Refused scripts are refused statically (nothing runs), every problem names its file, and
a problem about an element gives its id and its line in the file.
"""

import io
import time
import zipfile
from pathlib import Path
from string import Template
from xml.sax.saxutils import escape

import pytest

from engine.parsing.compile import compile_bundle
from engine.parsing.errors import DeploymentInvalid
from engine.parsing.parser import HyperBpmnParser
from engine.services.definitions import definition_validate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "parsing"
TIME_BUDGET = 5.0


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text()


def line_with(text: str, fragment: str) -> int:
    """1-based line of the first line of `text` containing `fragment`."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def validate(name: str, content: bytes | str):
    data = content.encode() if isinstance(content, str) else content
    started = time.process_time()  # this process's CPU: other work on the machine does not count
    report = definition_validate(file_name=name, content=data)
    elapsed = time.process_time() - started
    assert elapsed < TIME_BUDGET, f"validation took {elapsed:.1f} s of CPU"
    for error in report.errors:
        assert error.message.strip()
        assert error.file
    return report


def script_bpmn(script: str, script_format: str = "python") -> str:
    return Template(fixture("script_task.bpmn")).substitute(
        script=escape(script), format=script_format
    )


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_a_harmless_script_is_valid():
    report = validate("script.bpmn", script_bpmn("total = 2 * 21"))

    assert report.valid, report.errors
    assert report.processes == ["scripted"]


@pytest.mark.parametrize(
    ("script", "reason"),
    [
        ("import os\nos.system('id')", "imports are not allowed"),
        ("data = open('/etc/passwd').read()", "'open' is not available"),
        ("os = __import__('os')", "__import__"),
        ("classes = ().__class__.__base__.__subclasses__()", "__class__"),
    ],
    ids=["import", "open", "__import__", "subclasses"],
)
def test_a_dangerous_script_is_refused_statically_with_element_and_line(script, reason):
    text = script_bpmn(script)

    report = validate("evil.bpmn", text)

    assert not report.valid
    assert any(reason in error.message for error in report.errors)
    for error in report.errors:
        assert error.element_id == "compute"
        assert error.line == line_with(text, "<bpmn:script>")
        assert error.message.startswith('bpmn:scriptTask "compute" (Compute) at line')


def test_a_refused_statement_deep_in_a_script_gives_its_own_line_in_the_file():
    text = script_bpmn("total = 1\ncount = 2\nimport os\n")

    [error] = validate("evil.bpmn", text).errors

    assert error.line == line_with(text, "import os")
    assert f"the script on line {error.line} is refused" in error.message


def test_a_refused_script_is_never_run(tmp_path):
    marker = tmp_path / "ran"
    text = script_bpmn(f"open({str(marker)!r}, 'w').write('x')")

    report = validate("evil.bpmn", text)

    assert not report.valid
    assert not marker.exists()


def test_a_refused_condition_names_its_sequence_flow():
    text = fixture("minimal.bpmn").replace(
        '<bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="done" />',
        '<bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="done">\n'
        "      <bpmn:conditionExpression>__import__('os').getcwd()</bpmn:conditionExpression>\n"
        "    </bpmn:sequenceFlow>",
    )

    [error] = validate("cond.bpmn", text).errors

    assert error.element_id == "f2"
    assert error.line == line_with(text, "<bpmn:conditionExpression>")
    assert "the condition" in error.message


def test_a_javascript_script_task_names_the_unsupported_language():
    text = script_bpmn("var total = 2 * 21;", script_format="javascript")

    [error] = validate("js.bpmn", text).errors

    assert error.element_id == "compute"
    assert error.line == line_with(text, 'id="compute"')
    assert 'script language "javascript" is not supported' in error.message


def test_duplicate_process_ids_in_one_file_name_both_places():
    text = fixture("duplicate_process_ids.bpmn")
    first = line_with(text, 'name="Invoice"')
    second = line_with(text, 'name="Invoice again"')

    report = validate("dup.bpmn", text)

    assert not report.valid
    [error] = [e for e in report.errors if "used twice" in e.message]
    assert error.element_id == "invoice"
    assert error.line == second
    assert f"line {first}" in error.message


def test_duplicate_process_ids_across_a_bundle_name_the_other_file():
    text = fixture("two_processes.bpmn")

    report = validate("bundle.zip", zipped({"a.bpmn": text, "b.bpmn": text}))

    assert not report.valid
    assert {e.element_id for e in report.errors} == {"quote_request", "ship_order"}
    assert all(e.file == "b.bpmn" and "of a.bpmn" in e.message for e in report.errors)


def test_a_sequence_flow_to_a_missing_element_is_named():
    text = fixture("missing_flow_target.bpmn")

    [error] = validate("ghost.bpmn", text).errors

    assert error.element_id == "f_ghost"
    assert error.line == line_with(text, 'id="f_ghost"')
    assert 'targetRef="no_such_task"' in error.message
    assert 'process "ghostly" has no element with that id' in error.message


def test_a_user_task_whose_form_is_missing_names_the_element_and_the_file():
    text = fixture("user_task_missing_form.bpmn")

    report = validate("forms.bpmn", text)

    assert not report.valid
    by_element = {e.element_id: e for e in report.errors}
    assert set(by_element) == {"fill_in", "review"}
    assert "vanished-schema.json" in by_element["fill_in"].message
    assert by_element["fill_in"].line == line_with(text, 'id="fill_in"')
    assert "lost-review.json" in by_element["review"].message
    assert by_element["review"].line == line_with(text, 'id="review"')
    # The server's own folders are not told to the uploader.
    assert all("/forms/schemas" not in e.message for e in report.errors)


def test_a_file_with_two_executable_processes_lists_both():
    report = validate("two.bpmn", fixture("two_processes.bpmn"))

    assert report.valid, report.errors
    assert report.processes == ["quote_request", "ship_order"]


def test_a_non_executable_process_beside_an_executable_one_is_a_warning():
    text = fixture("two_processes.bpmn").replace(
        'name="Ship order" isExecutable="true"', 'name="Ship order" isExecutable="false"'
    )

    report = validate("one-of-two.bpmn", text)

    assert report.valid, report.errors
    assert report.processes == ["quote_request"]
    [warning] = report.warnings
    assert warning.element_id == "ship_order"
    assert 'isExecutable="false"' in warning.message


def test_an_element_spiffworkflow_cannot_execute_gives_tag_id_and_line():
    text = fixture("unsupported_element.bpmn")
    line = line_with(text, 'id="weigh_options"')

    [error] = validate("complex.bpmn", text).errors

    assert error.element_id == "weigh_options"
    assert error.line == line
    assert error.message.startswith(
        f'bpmn:complexGateway "weigh_options" (Weigh options) at line {line}: '
        "SpiffWorkflow cannot execute bpmn:complexGateway elements"
    )


def test_a_spiffworkflow_validation_error_gets_the_line_of_its_element():
    # SpiffWorkflow's ValidationException has no line; it is looked up by the element's id.
    text = fixture("minimal.bpmn").replace(
        '<bpmn:task id="work" name="Do the work" />',
        '<bpmn:serviceTask id="work" name="Do the work" />',
    )

    [error] = validate("service.bpmn", text).errors

    assert error.element_id == "work"
    assert error.line == line_with(text, 'id="work"')
    assert "must name its connector" in error.message


def test_an_xml_schema_fault_carries_its_line_and_element():
    text = fixture("minimal.bpmn").replace(
        '<bpmn:endEvent id="done" />',
        '<bpmn:endEvent id="done" />\n    <bpmn:frobnicate id="odd" />',
    )

    [error] = validate("schema.bpmn", text).errors

    assert error.line == line_with(text, "frobnicate")
    assert error.element_id == "odd"
    assert "bpmn:frobnicate" in error.message
    assert "{http" not in error.message


def test_an_event_naming_an_undefined_message_is_named():
    text = fixture("minimal.bpmn").replace(
        '<bpmn:task id="work" name="Do the work" />',
        '<bpmn:intermediateCatchEvent id="work" name="Wait">\n'
        '      <bpmn:messageEventDefinition id="wait_def" messageRef="nobody_sends_this" />\n'
        "    </bpmn:intermediateCatchEvent>",
    )

    [error] = validate("msg.bpmn", text).errors

    assert error.element_id == "work"
    assert 'messageRef="nobody_sends_this"' in error.message


def test_a_process_chained_too_long_for_the_parser_gets_a_clear_problem():
    chain = []
    previous = "work"
    for n in range(1500):
        chain.append(f'<bpmn:task id="t{n}" />')
        chain.append(f'<bpmn:sequenceFlow id="c{n}" sourceRef="{previous}" targetRef="t{n}" />')
        previous = f"t{n}"
    text = fixture("minimal.bpmn").replace(
        '<bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="done" />',
        "\n".join(chain)
        + f'\n<bpmn:sequenceFlow id="f2" sourceRef="{previous}" targetRef="done" />',
    )

    [error] = validate("long.bpmn", text).errors

    assert "chained or nested too deeply" in error.message
    assert error.element_id.startswith("t")


@pytest.mark.parametrize("error_class", [KeyError, AttributeError, TypeError, IndexError])
def test_an_unexpected_library_error_while_parsing_becomes_a_problem(monkeypatch, error_class):
    def broken(self, process_id, required=True):
        raise error_class("something odd in the library")

    monkeypatch.setattr(HyperBpmnParser, "get_spec", broken)

    with pytest.raises(DeploymentInvalid) as caught:
        compile_bundle({"odd.bpmn": fixture("minimal.bpmn")})

    [problem] = caught.value.problems
    assert problem.file == "odd.bpmn"
    assert error_class.__name__ in problem.message


def test_an_unexpected_library_error_while_reading_a_file_becomes_a_problem(monkeypatch):
    def broken(self, bpmn, filename=None):
        raise AttributeError("'NoneType' object has no attribute 'get'")

    monkeypatch.setattr(HyperBpmnParser, "add_bpmn_xml", broken)

    report = validate("odd.bpmn", fixture("minimal.bpmn"))

    [error] = report.errors
    assert error.file == "odd.bpmn"
    assert "SpiffWorkflow could not read this file (AttributeError" in error.message


def test_a_fault_in_the_checks_themselves_is_a_refusal_not_a_crash(monkeypatch, caplog):
    def broken(process):
        raise ValueError("a bug in reading elements")

    monkeypatch.setattr("engine.parsing.compile.read_elements", broken)

    report = validate("any.bpmn", fixture("minimal.bpmn"))

    [error] = report.errors
    assert error.file == "any.bpmn"
    assert "could not be checked (ValueError)" in error.message
    assert "a bug in reading elements" in caplog.text
