import pytest


@pytest.mark.django_db
def test_schema_lists_the_document_paths_with_their_filters(api, people):
    paths = api(people.alice).get("/api/schema/", {"format": "json"}).json()["paths"]
    for path in (
        "/api/quotations/{id}/pdf/",
        "/api/sales-orders/{id}/reserve-stock/",
        "/api/invoices/{id}/payments/",
        "/api/purchase-orders/{id}/receive/",
        "/api/manufacturing-orders/{id}/record-output/",
        "/api/boms/",
        "/api/shipments/{id}/confirm-delivery/",
        "/api/kpis/",
    ):
        assert path in paths, path
    orders = {p["name"] for p in paths["/api/sales-orders/"]["get"]["parameters"]}
    assert {"party", "status", "fulfilment_status", "billing_status", "search"} <= orders
    pdf = paths["/api/invoices/{id}/pdf/"]["get"]["responses"]["200"]["content"]
    assert "application/pdf" in pdf
