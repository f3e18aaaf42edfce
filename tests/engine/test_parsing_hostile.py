"""Hostile and broken uploads: each gets `valid: false`, a clear message, nothing read or run.

Every check runs under a budget of CPU time (this process's, so other work on the machine
does not count), so a runaway loop or expansion fails the test instead of stalling the suite.
"""

import io
import struct
import time
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

from engine.services.definitions import definition_validate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "parsing"
TIME_BUDGET = 5.0
BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"


def validate(name: str, content: bytes):
    started = time.process_time()
    report = definition_validate(file_name=name, content=content)
    elapsed = time.process_time() - started
    assert elapsed < TIME_BUDGET, f"validation took {elapsed:.1f} s of CPU"
    return report


def refused(name: str, content: bytes):
    """The report of an upload that must be refused; every error names a file and a reason."""
    report = validate(name, content)
    assert report.valid is False
    assert report.errors
    assert report.processes == []
    for error in report.errors:
        assert error.message.strip()
        assert error.file
    return report


def minimal(padding: str = "Short.") -> str:
    return (FIXTURES / "minimal.bpmn").read_text().replace("PADDING", padding)


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_the_minimal_fixture_is_valid():
    report = validate("minimal.bpmn", minimal().encode())

    assert report.valid, report.errors
    assert report.processes == ["minimal"]


# Files that are not XML, or not well-formed.


def test_malformed_xml_gives_the_line_of_the_fault():
    text = minimal().replace('<bpmn:task id="work" name="Do the work" />', '<bpmn:task id="work">')
    fault_line = text.splitlines().index("  </bpmn:process>") + 1

    [error] = refused("broken.bpmn", text.encode()).errors

    assert error.message.startswith("The file is not well-formed XML")
    assert error.line == fault_line
    assert error.file == "broken.bpmn"


def test_an_empty_file_is_refused():
    [error] = refused("empty.bpmn", b"").errors

    assert error.message == "The file is empty."


def test_a_whitespace_only_file_is_refused():
    [error] = refused("blank.bpmn", b" \n\t\r\n   ").errors

    assert "empty" in error.message


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        bytes(range(128, 256)) * 16,
    ],
    ids=["with-nul-bytes", "not-utf8"],
)
def test_binary_data_is_refused(content):
    [error] = refused("picture.bpmn", content).errors

    assert "binary" in error.message or "not utf-8 text" in error.message


def test_xml_that_is_not_bpmn_says_what_it_found():
    [error] = refused("page.bpmn", b"<html><body>hello</body></html>").errors

    assert "neither a BPMN nor a DMN document" in error.message
    assert "<html>" in error.message


def test_a_declared_encoding_that_is_no_character_set_is_refused():
    text = minimal().replace('encoding="UTF-8"', 'encoding="punycode"')

    [error] = refused("odd.bpmn", text.encode()).errors

    assert "encoding “punycode”" in error.message


def test_a_utf16_file_with_a_byte_order_mark_is_read():
    text = minimal().replace('encoding="UTF-8"', 'encoding="UTF-16"')

    report = validate("wide.bpmn", text.encode("utf-16"))

    assert report.valid, report.errors


# Entities, DTDs and other ways to make the reader fetch or expand things.


def _passwd_lines() -> list[str]:
    path = Path("/etc/passwd")
    lines = path.read_text().splitlines() if path.is_file() else []
    return [line for line in lines if len(line) > 8] or ["root:x:0:0:"]


def _assert_leaks_nothing(report):
    answer = repr(report)
    for line in _passwd_lines():
        assert line not in answer


def test_an_xxe_external_entity_is_refused_without_reading_the_file():
    text = minimal("&xxe;").replace(
        "<bpmn:definitions",
        '<!DOCTYPE definitions [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<bpmn:definitions',
    )

    report = refused("xxe.bpmn", text.encode())

    [error] = report.errors
    assert "Document type declarations and entities are not allowed" in error.message
    assert error.line == 2
    _assert_leaks_nothing(report)


def test_an_xxe_inside_a_bundle_and_in_a_dmn_file_is_refused():
    doctype = '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    dmn = f'<?xml version="1.0"?>\n{doctype}<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/">&xxe;</definitions>'

    report = refused("bundle.zip", zipped({"main.bpmn": minimal().encode(), "d.dmn": dmn.encode()}))

    assert [e.file for e in report.errors] == ["d.dmn"]
    _assert_leaks_nothing(report)


def test_an_external_dtd_is_refused_without_fetching_it():
    text = minimal().replace(
        "<bpmn:definitions",
        '<!DOCTYPE definitions SYSTEM "http://127.0.0.1:9/evil.dtd">\n<bpmn:definitions',
    )

    [error] = refused("dtd.bpmn", text.encode()).errors

    assert "Document type declarations" in error.message


def test_xinclude_is_not_processed():
    include = (
        '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" '
        'parse="text"/>'
    )
    report = validate("xinclude.bpmn", minimal(include).encode())

    _assert_leaks_nothing(report)


def test_a_billion_laughs_bomb_is_refused_quickly():
    entities = ['<!ENTITY lol0 "lol">']
    entities += [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    doctype = "<!DOCTYPE lolz [\n" + "\n".join(entities) + "\n]>\n"
    text = minimal("&lol9;").replace("<bpmn:definitions", doctype + "<bpmn:definitions")

    [error] = refused("lol.bpmn", text.encode()).errors

    assert "entities are not allowed" in error.message
    assert error.line == 2


def test_nesting_deeper_than_the_reader_allows_is_refused():
    text = minimal("<a>" * 400 + "</a>" * 400)

    [error] = refused("deep.bpmn", text.encode()).errors

    assert "levels deep" in error.message
    assert "XML_PARSE_HUGE" not in error.message


def test_a_file_with_too_many_elements_is_refused():
    text = minimal("<b/>" * 250_000)

    [error] = refused("wide.bpmn", text.encode()).errors

    assert "XML elements; the limit is" in error.message


# Size limits.


def test_a_20_mb_file_is_refused_with_its_size():
    limit = settings.HYPERCRM["MAX_DEPLOYMENT_BYTES"]
    content = minimal("x" * (20 * 1024 * 1024)).encode()

    [error] = refused("huge.bpmn", content).errors

    assert f"{len(content):,} bytes" in error.message
    assert f"{limit:,} bytes" in error.message
    assert "20.0 MB" in error.message


def test_a_file_just_under_the_limit_is_checked_in_time():
    limit = settings.HYPERCRM["MAX_DEPLOYMENT_BYTES"]
    chunk = "x" * (1024 * 1024)
    padding = "</bpmn:documentation><bpmn:documentation>".join([chunk] * (limit // len(chunk) - 1))
    content = minimal(padding).encode()
    assert limit - len(content) < 2 * len(chunk)

    report = validate("big.bpmn", content)

    assert report.valid, report.errors


def test_a_single_text_longer_than_the_reader_takes_is_refused_clearly(settings):
    settings.HYPERCRM = {**settings.HYPERCRM, "MAX_DEPLOYMENT_BYTES": 12 * 1024 * 1024}
    content = minimal("x" * 10_500_000).encode()

    [error] = refused("long-text.bpmn", content).errors

    assert "longer than 10,000,000 characters" in error.message
    assert error.line == 5


def test_a_zip_bomb_is_refused_by_its_unpacked_size():
    limit = settings.HYPERCRM["MAX_DEPLOYMENT_BYTES"]
    zeros = b"0" * (limit // 2 + 1)
    bomb = zipped({"a.bpmn": zeros, "b.bpmn": zeros, "c.bpmn": zeros})
    assert len(bomb) < 100_000

    [error] = refused("bomb.zip", bomb).errors

    assert "The bundle unpacks to" in error.message
    assert f"{limit:,} bytes" in error.message


def _patch_sizes(archive: bytes, declared: int) -> bytes:
    """A zip whose headers claim each member unpacks to `declared` bytes."""
    data = bytearray(archive)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = data.find(signature)
        while start != -1:
            data[start + offset : start + offset + 4] = struct.pack("<I", declared)
            start = data.find(signature, start + 4)
    return bytes(data)


def test_a_zip_member_that_unpacks_past_its_declared_size_is_refused_quickly():
    liar = _patch_sizes(zipped({"liar.bpmn": b"0" * (30 * 1024 * 1024)}), 1000)

    [error] = refused("liar.zip", liar).errors

    # zipfile stops at the declared size, where the checksum then fails.
    assert error.file == "liar.bpmn"
    assert "cannot be unpacked" in error.message


def test_a_zip_with_a_path_traversal_member_is_refused():
    bundle = zipped({"main.bpmn": minimal().encode(), "../../etc/cron.d/evil.bpmn": b"<x/>"})

    [error] = refused("traversal.zip", bundle).errors

    assert error.file == "../../etc/cron.d/evil.bpmn"
    assert "points outside the bundle" in error.message


def test_a_zip_with_an_absolute_member_path_is_refused():
    bundle = zipped({"main.bpmn": minimal().encode(), "/etc/evil.bpmn": b"<x/>"})

    [error] = refused("absolute.zip", bundle).errors

    assert "points outside the bundle" in error.message


def test_a_zip_without_a_bpmn_file_is_refused():
    bundle = zipped({"readme.txt": b"hello", "form.json": b"{}"})

    [error] = refused("nothing.zip", bundle).errors

    assert error.message.startswith("The bundle holds no .bpmn file")
    assert "readme.txt" in error.message


def test_a_damaged_zip_is_refused():
    [error] = refused("damaged.zip", b"PK\x03\x04" + b"\x00garbage" * 50).errors

    assert "not a readable zip archive" in error.message


def test_an_encrypted_zip_member_is_refused():
    data = bytearray(zipped({"secret.bpmn": minimal().encode()}))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        data[start + offset] |= 0x01  # the "encrypted" flag bit

    [error] = refused("secret.zip", bytes(data)).errors

    assert error.file == "secret.bpmn"
    assert "cannot be unpacked" in error.message


def test_a_script_too_deep_for_the_compiler_is_refused_not_raised():
    template = (FIXTURES / "script_task.bpmn").read_text()
    text = template.replace("$format", "python").replace("$script", "x = " + "1+" * 30_000 + "1")

    [error] = refused("deep-script.bpmn", text.encode()).errors

    assert error.element_id == "compute"
    assert "the script" in error.message


def test_a_script_beyond_the_size_limit_is_refused():
    template = (FIXTURES / "script_task.bpmn").read_text()
    text = template.replace("$format", "python").replace("$script", "x = 1\n" * 30_000)

    [error] = refused("long-script.bpmn", text.encode()).errors

    assert "characters long; the limit is" in error.message


# Work limits: checking stays linear in the size of a diagram, and is bounded.


def _many_message_events(count: int) -> str:
    messages = "".join(f'<bpmn:message id="m{n}" name="m{n}"/>\n' for n in range(count))
    events = "".join(
        f'<bpmn:intermediateCatchEvent id="wait{n}">'
        f'<bpmn:messageEventDefinition id="def{n}" messageRef="m{n}"/>'
        "</bpmn:intermediateCatchEvent>\n"
        f'<bpmn:sequenceFlow id="in{n}" sourceRef="split" targetRef="wait{n}"/>'
        f'<bpmn:sequenceFlow id="out{n}" sourceRef="wait{n}" targetRef="join"/>\n'
        for n in range(count)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<bpmn:definitions xmlns:bpmn="{BPMN_NS}" id="d" targetNamespace="urn:t">\n'
        f'{messages}<bpmn:process id="fan_out" isExecutable="true">\n'
        '<bpmn:startEvent id="start"/><bpmn:parallelGateway id="split"/>\n'
        '<bpmn:parallelGateway id="join"/><bpmn:endEvent id="done"/>\n'
        '<bpmn:sequenceFlow id="s" sourceRef="start" targetRef="split"/>\n'
        '<bpmn:sequenceFlow id="e" sourceRef="join" targetRef="done"/>\n'
        f"{events}</bpmn:process>\n</bpmn:definitions>\n"
    )


def test_a_diagram_at_the_flow_node_limit_is_checked_in_time():
    # SpiffWorkflow's own XPath lookups took 13 s for this; the parser now uses indexes.
    report = validate("fan-out.bpmn", _many_message_events(1990).encode())

    assert report.valid, report.errors[:3]


def test_a_diagram_past_the_flow_node_limit_is_refused():
    [error] = refused("fan-out.bpmn", _many_message_events(2100).encode()).errors

    assert "tasks, events and gateways; the limit is 2,000" in error.message


def _decision_bundle(rules: int, input_expression: str = "order['total']") -> bytes:
    rows = "".join(
        f'<rule id="r{n}"><inputEntry id="i{n}"><text>&gt;= {n}</text></inputEntry>'
        f'<outputEntry id="o{n}"><text>{n} * 2</text></outputEntry></rule>\n'
        for n in range(rules)
    )
    dmn = (
        '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" '
        'namespace="urn:t"><decision id="many_rules" name="Many rules">'
        '<decisionTable id="t"><input id="total" label="Total"><inputExpression id="e">'
        f'<text>{input_expression}</text></inputExpression></input><output id="o" name="out"/>\n'
        f"{rows}</decisionTable></decision></definitions>"
    )
    return zipped({"main.bpmn": minimal().encode(), "rules.dmn": dmn.encode()})


def test_a_decision_table_at_the_entry_limit_is_checked_in_time():
    report = validate("rules.zip", _decision_bundle(1500))

    assert report.valid, report.errors[:3]


def test_a_decision_table_past_the_entry_limit_is_refused():
    [error] = refused("rules.zip", _decision_bundle(1600)).errors

    assert error.file == "rules.dmn"
    assert "3,200 entries" in error.message
    assert "the limits are 3,000 entries" in error.message


def test_a_long_input_expression_repeated_by_every_rule_is_refused_quickly():
    # Every input entry is checked joined to it: 9,000 characters, 200 times.
    expression = "[" + ", ".join(["total"] * 1285) + "]"

    [error] = refused("rules.zip", _decision_bundle(200, expression)).errors

    assert "and 150,000 characters" in error.message


def test_a_deployment_with_too_many_processes_is_refused():
    processes = "".join(f'<bpmn:process id="p{n}" isExecutable="false"/>\n' for n in range(5000))
    text = minimal().replace("</bpmn:definitions>", processes + "</bpmn:definitions>")

    [error] = refused("many.bpmn", text.encode()).errors

    assert "5,001 processes; the limit is 200" in error.message
