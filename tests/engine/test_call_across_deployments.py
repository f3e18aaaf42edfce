"""Call activities reach processes deployed earlier, with Camunda's bindings and mappings.

Diagrams as Camunda Modeler 5 writes them: a shared credit check deployed once, an order
process deployed later in a file of its own that calls it with camunda:in / camunda:out.
"""

from pathlib import Path

import pytest

from engine.models import HumanTask, ProcessDefinition
from engine.parsing.errors import DeploymentInvalid
from engine.services.definitions import definition_deploy, definition_validate
from engine.services.instances import instance_start
from tests.factories import FIXTURES

pytestmark = pytest.mark.django_db

CAMUNDA = FIXTURES / "camunda"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "miwg-reference"


def _deploy(name: str, text: str | None = None):
    content = (text if text is not None else (CAMUNDA / name).read_text()).encode()
    return definition_deploy(file_name=name, content=content, user=None, check_role=False)


def _caller(binding: str = "") -> str:
    text = (CAMUNDA / "order_with_credit_check.bpmn").read_text()
    return text.replace('calledElement="credit_check"', f'calledElement="credit_check" {binding}')


def test_a_process_deployed_alone_calls_the_latest_deployed_callee_with_its_mappings():
    _deploy("credit_check.bpmn")
    report = definition_validate(
        file_name="order.bpmn", content=(CAMUNDA / "order_with_credit_check.bpmn").read_bytes()
    )
    assert report.valid, report.errors
    assert report.processes == ["order_with_credit_check"]  # the callee is not deployed again
    assert any('calls "credit_check" version 1' in w.message for w in report.warnings)

    _deploy("order_with_credit_check.bpmn")
    assert ProcessDefinition.objects.filter(key="credit_check").count() == 1
    instance = instance_start(
        definition_key="order_with_credit_check",
        variables={"order_total": 40, "limit_eur": 50, "customer": "Acme"},
    )
    variables = instance.variables
    # 40 * 2 = 80 < 50 * 2: approved, mapped back as credit_ok; score + 1 by expression.
    assert variables["credit_ok"] is True
    assert variables["score_plus_one"] == 81
    # Only what is mapped crosses: the callee's own variables stay inside it.
    assert "score" not in variables and "checked_by" not in variables and "amount" not in variables
    assert variables["customer"] == "Acme"
    assert HumanTask.objects.get(instance=instance).element_id == "Activity_confirm"


def test_a_version_binding_keeps_the_named_version_when_the_callee_changes():
    _deploy("credit_check.bpmn")
    stricter = (CAMUNDA / "credit_check.bpmn").read_text().replace("amount * 2", "amount * 3")
    _deploy("credit_check.bpmn", stricter)
    assert ProcessDefinition.objects.filter(key="credit_check").count() == 2

    _deploy(
        "order.bpmn",
        _caller('camunda:calledElementBinding="version" camunda:calledElementVersion="1"'),
    )
    pinned = instance_start(
        definition_key="order_with_credit_check", variables={"order_total": 40, "limit_eur": 50}
    )
    assert pinned.variables["score_plus_one"] == 81  # version 1: amount * 2

    latest = _caller().replace('id="order_with_credit_check"', 'id="order_latest"')
    _deploy("order_latest.bpmn", latest)
    on_latest = instance_start(
        definition_key="order_latest", variables={"order_total": 40, "limit_eur": 50}
    )
    assert on_latest.variables["score_plus_one"] == 121  # version 2: amount * 3
    assert on_latest.variables["credit_ok"] is False


@pytest.mark.parametrize(
    ("binding", "phrase"),
    [
        ("", 'calls the process "credit_check", but no file of the deployment defines'),
        ('camunda:calledElementBinding="deployment"', "deploy the called process first"),
        (
            'camunda:calledElementBinding="versionTag" camunda:calledElementVersionTag="v1"',
            "binds its callee by version tag, which HyperCRM does not keep",
        ),
        (
            'camunda:calledElementBinding="version" camunda:calledElementVersion="7"',
            'calls version 7 of "credit_check", which has not been deployed',
        ),
        (
            'camunda:calledElementBinding="version" camunda:calledElementVersion="${v}"',
            'camunda:calledElementVersion is "${v}", not a version number',
        ),
        ('camunda:calledElementBinding="newest"', 'camunda:calledElementBinding="newest"'),
    ],
)
def test_a_binding_that_cannot_be_met_is_refused_naming_the_call_activity(binding, phrase):
    if "version" in binding and "versionTag" not in binding and "${" not in binding:
        _deploy("credit_check.bpmn")
    with pytest.raises(DeploymentInvalid) as refused:
        _deploy("order.bpmn", _caller(binding))
    [problem] = refused.value.problems
    assert problem.element_id == "Activity_check"
    assert 'bpmn:callActivity "Activity_check" (Check credit)' in problem.message
    assert phrase in problem.message
    assert not ProcessDefinition.objects.filter(key="order_with_credit_check").exists()


def test_a_bundle_copy_of_the_unchanged_callee_makes_no_new_version():
    _deploy("credit_check.bpmn")
    from tests.factories import zip_bundle

    bundle = zip_bundle(
        {
            "credit_check.bpmn": (CAMUNDA / "credit_check.bpmn").read_bytes(),
            "order.bpmn": (CAMUNDA / "order_with_credit_check.bpmn").read_bytes(),
        }
    )
    result = definition_deploy(file_name="b.zip", content=bundle, user=None, check_role=False)
    assert ProcessDefinition.objects.filter(key="credit_check").count() == 1
    assert {d.key: c for d, c in zip(result.definitions, result.created, strict=True)} == {
        "credit_check": False,
        "order_with_credit_check": True,
    }


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the MIWG corpus lives outside the repository")
def test_the_corpus_caller_deploys_once_its_callee_has_been_deployed():
    # C.9.2 (Camunda Web Modeler) calls requestDocument_en, which C.9.1 defines.
    content = (CORPUS / "C.9.2.bpmn").read_bytes()
    alone = definition_validate(file_name="C.9.2.bpmn", content=content)
    assert not alone.valid
    assert "deploy the called process first" in alone.errors[0].message

    definition_deploy(
        file_name="C.9.1.bpmn",
        content=(CORPUS / "C.9.1.bpmn").read_bytes(),
        user=None,
        check_role=False,
    )
    report = definition_validate(file_name="C.9.2.bpmn", content=content)
    # What remains is what C.9.2 has of Camunda 8, each named; the callee is found.
    assert not any("requestDocument_en" in e.message for e in report.errors), report.errors
    assert {e.element_id for e in report.errors} == {
        "CallActivity_RequestDocument",
        "SequenceFlow_Yes",
    }, report.errors
    assert all("Camunda 8" in e.message or "FEEL" in e.message for e in report.errors)
