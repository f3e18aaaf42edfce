from engine.connectors import connector_names

CONNECTORS = {
    "procurement.create_request",
    "procurement.create_order",
    "procurement.needs_approval",
    "procurement.approve",
    "procurement.send_order",
    "procurement.record_receipt",
    "procurement.record_bill",
    "procurement.reorder",
}


def test_the_procurement_connectors_are_registered_at_start():
    assert set(connector_names()) >= CONNECTORS
