import pytest
from pathlib import Path
from engine.connectors import ConnectorError, register_connector, unregister_connector
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start, incident_retry
from engine.models import Incident


@pytest.mark.django_db
def test_try():
    calls = []

    def handler(params, *, data):
        calls.append(1)
        if len(calls) == 1:
            raise ConnectorError("The warehouse does not answer.", retryable=False)
        return {"on_hand": 12}

    register_connector("e2e-warehouse", handler)
    try:
        definition_deploy(
            file_name="f.bpmn",
            content=Path("tests/e2e/fixtures/flaky_service.bpmn").read_bytes(),
            user=None,
            check_role=False,
        )
        inst = instance_start(definition_key="stock_check")
        print(inst.status, inst.active)
        inc = Incident.objects.get(instance=inst)
        print(inc.error)
        inc = incident_retry(incident_id=inc.pk)
        inst.refresh_from_db()
        print(inc.status, inst.status, inst.active, inst.variables)
    finally:
        unregister_connector("e2e-warehouse")
