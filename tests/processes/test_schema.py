import pytest
from django.core.management import call_command


def test_schema_of_the_business_api_generates_without_warnings(tmp_path):
    call_command(
        "spectacular",
        "--fail-on-warn",
        "--urlconf",
        "processes.urls",
        "--file",
        str(tmp_path / "schema.yaml"),
    )
    schema = (tmp_path / "schema.yaml").read_text()
    assert "/products/{id}/" in schema and "/reservations/" in schema


@pytest.mark.django_db
def test_schema_lists_the_business_paths_with_their_filters(api, people):
    paths = api(people.alice).get("/api/schema/", {"format": "json"}).json()["paths"]
    for path in ("/api/parties/", "/api/deals/{id}/move/", "/api/warehouses/{id}/receive/"):
        assert path in paths
    products = {p["name"] for p in paths["/api/products/"]["get"]["parameters"]}
    assert {"kind", "active", "search", "page"} <= products
