from engine.connectors import connector_names

CONNECTORS = {
    "sales.create_order",
    "sales.create_quotation_pdf",
    "sales.confirm_order",
    "sales.reject_quotation",
    "sales.reserve_stock",
    "sales.create_invoice",
    "sales.record_payment",
    "sales.payment_status",
}


def test_the_sales_connectors_are_registered_at_start():
    assert set(connector_names()) >= CONNECTORS
