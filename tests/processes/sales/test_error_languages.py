"""The sales services' refusals are in the reader's language: Accept-Language chooses it in
the API (docs/i18n.md), with the status in words and money and dates in that language."""

from decimal import Decimal

import pytest

from tests.processes.business import make_order
from tests.processes.factories import make_customer, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    chair = make_product("CHAIR", list_price=Decimal("49.90"))
    return make_order((chair, 2), party=make_customer("Société Générale"))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Order {number} is “Draft”; only a confirmed order is invoiced."),
        ("fr", "La commande {number} est « Brouillon » : seule une commande confirmée"),
        ("ru", "Заказ {number} в статусе «Черновик»: счёт выставляется только по подтверждённому"),
    ],
)
def test_a_refused_step_is_told_in_the_readers_language(draft, api, people, language, expected):
    answer = api(people.alice).post(
        f"/api/sales-orders/{draft.pk}/invoice/", HTTP_ACCEPT_LANGUAGE=language
    )
    assert answer.status_code == 409
    assert expected.format(number=draft.number) in str(answer.json())


def test_a_bad_payment_is_told_in_french_with_french_money(draft, api, people):
    from processes.sales import services

    services.order_confirm(order=draft)
    invoice = services.invoice_create_for_order(order=draft)
    answer = api(people.alice).post(
        f"/api/invoices/{invoice.pk}/payments/",
        {"amount": "500.00"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert answer.status_code == 400
    owed = str(answer.json()["errors"]["amount"][0]).replace("\u202f", " ").replace("\xa0", " ")
    assert owed == f"Il ne reste que 99,80 € à payer sur {invoice.number}."
