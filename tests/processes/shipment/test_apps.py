from engine.connectors import connector_names

CONNECTORS = {
    "shipment.create",
    "shipment.pick",
    "shipment.pack",
    "shipment.ship",
    "shipment.confirm_delivery",
}


def test_the_shipment_connectors_are_registered_at_start():
    assert set(connector_names()) >= CONNECTORS
