"""Deploying a Camunda Modeler 5 diagram whose business rule task calls a DMN decision, and
running it: what the process data holds afterwards, or the incident the decision raised."""

import io
import zipfile
from pathlib import Path
from string import Template

from engine.models import Deployment, ProcessDefinition
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
DMN = FIXTURES / "dmn"


def bpmn(decision: str, **attributes: str) -> str:
    extra = "".join(f' camunda:{name}="{value}"' for name, value in attributes.items())
    return Template((DMN / "decide.bpmn").read_text()).substitute(
        decision=decision, attributes=extra
    )


def archive(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        for name, text in files.items():
            zipped.writestr(name, text)
    return buffer.getvalue()


def deploy(dmn: dict[str, str], decision: str, **attributes: str) -> None:
    files = {"decide.bpmn": bpmn(decision, **attributes), **dmn}
    definition_deploy(file_name="decide.zip", content=archive(files), user=None, check_role=False)


def fixture(name: str) -> str:
    return (DMN / name).read_text()


def run(variables: dict):
    """Start the deployed process with `variables`; the finished (or failed) instance."""
    instance = instance_start(definition_key="decide", variables=variables)
    instance.refresh_from_db()
    return instance


def incident_of(instance) -> str:
    [incident] = instance.incidents.all()
    assert incident.element_id == "Activity_decide"
    return incident.error


def nothing_stored() -> bool:
    return not Deployment.objects.exists() and not ProcessDefinition.objects.exists()
