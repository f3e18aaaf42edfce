from engine.connectors import connector_names

CONNECTORS = {
    "production.plan_order",
    "production.reserve_components",
    "production.start",
    "production.record_output",
    "production.quality_check",
    "production.finish",
}


def test_the_production_connectors_are_registered_at_start():
    assert set(connector_names()) >= CONNECTORS
