"""A shipment's delivery note: the customer's delivery address (else the billing one), the
lines and quantities without a price, the packages and carrier — read back with pdftotext —
downloadable from the shipment's page and the API by whoever reads shipments."""

import shutil
import subprocess

import pytest
from django.utils import translation

from processes.crm.addresses import address_add
from processes.shipment import services
from processes.shipment.documents import delivery_note_pdf
from tests.processes.business import make_order, stocked
from tests.processes.factories import make_customer

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils' pdftotext"),
]


def text_of(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF")
    return subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
        input=pdf, capture_output=True, check=True,
    ).stdout.decode()  # fmt: skip


def shipped(party):
    chair = stocked("CHAIR", 10, name="Office chair", unit="pcs")
    lamp = stocked("LAMP", 5, name="Desk lamp")
    order = make_order((chair, 3), (lamp, 2), party=party, reserve=True)
    shipment = services.shipment_create_for_order(order=order, notes="Ring at gate 2.")
    services.shipment_pick(shipment=shipment)
    services.shipment_pack(shipment=shipment, packages=[{"weight_kg": "12.5"}, {"weight_kg": 3}])
    return services.shipment_ship(shipment=shipment, carrier="DHL", tracking_number="JD0001")


def test_the_note_goes_to_the_delivery_address_with_quantities_and_no_prices():
    acme = make_customer("Acme Tools")
    address_add(party=acme, street="Friedrichstraße 12", postal_code="10117", city="Berlin",
                country="DE")  # fmt: skip
    address_add(party=acme, kind="delivery", street="Hafenweg 3", postal_code="20457",
                city="Hamburg", country="DE")  # fmt: skip
    shipment = shipped(acme)
    with translation.override("en"):
        text = text_of(delivery_note_pdf(shipment))
    assert f"Delivery note {shipment.number}" in text and shipment.order.number in text
    assert "Deliver to:" in text and "Acme Tools" in text
    assert "Hafenweg 3" in text and "20457 Hamburg" in text and "Berlin" not in text
    assert "CHAIR" in text and "Office chair" in text and "3 pcs" in text and "2 pcs" in text
    assert "€" not in text and "100.00" not in text and "Total" not in text  # no prices
    assert "DHL JD0001" in text and "2 packages, 15.5 kg in all." in text
    assert "Ring at gate 2." in text and "Received in good order by:" in text


def test_without_a_delivery_address_the_billing_one_is_printed_in_the_readers_language():
    acme = make_customer("Société Générale Équipement")
    address_add(party=acme, street="29 boulevard Haussmann", postal_code="75009", city="Paris",
                country="FR")  # fmt: skip
    shipment = shipped(acme)
    with translation.override("fr"):
        text = text_of(delivery_note_pdf(shipment))
    assert "Société Générale Équipement" in text and "75009 Paris" in text and "France" in text
    assert f"Bon de livraison {shipment.number}" in text and "Livrer à" in text


def test_the_page_links_it_and_the_api_serves_it_to_whoever_reads_shipments(client, people):
    shipment = shipped(make_customer("Acme Tools"))
    url = f"/api/shipments/{shipment.pk}/delivery-note/"
    client.force_login(people.carol)  # production reads shipments
    page = client.get(f"/shipments/{shipment.pk}/").content.decode()
    assert f'href="{url}" data-pdf' in page
    answer = client.get(url)
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert f'filename="{shipment.number}.pdf"' in answer["Content-Disposition"]
    assert "Office chair" in text_of(answer.content)
    assert client.get(f"/api/shipments/{shipment.pk + 99}/delivery-note/").status_code == 404
    client.logout()
    assert client.get(url).status_code in (401, 403)
