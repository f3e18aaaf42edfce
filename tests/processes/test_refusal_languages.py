"""The business services' refusals reach a person in their language (docs/i18n.md): over
the API by Accept-Language or the profile's choice, on the pages by the profile's choice,
in an incident in every language — naming the record, with numbers in that language's
format — and the refused change leaves the stored state as it was."""

from decimal import Decimal

import pytest
from django.test import Client
from django.utils.html import escape

from engine.connectors import ConnectorError, get_connector
from processes.crm import services as crm
from processes.crm.models import Deal
from processes.inventory.models import StockLevel, StockMove
from processes.procurement import services as procurement
from processes.procurement.models import PurchaseOrder
from profiles.services import set_language
from tests.factories import make_user
from tests.processes.factories import (
    make_customer,
    make_funnel,
    make_product,
    make_supplier,
    make_warehouse,
    stock,
)

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests"


def _spaces(text: str) -> str:
    """French and Russian group digits with no-break spaces; compare them as spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.fixture
def draft_order():
    make_warehouse("WH1", name="Main warehouse")
    oak = make_product("OAK-TOP", name="Oak top", standard_cost=Decimal("180.00"))
    return procurement.purchase_order_create(
        supplier=make_supplier("Nordic Timber"), lines=[{"product": oak, "quantity": 2}]
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Purchase order {number} is “Draft”; only an approved order is sent."),
        (
            "fr",
            "La commande d’achat {number} est « Brouillon » : seule une commande approuvée "
            "est envoyée.",
        ),
        (
            "ru",
            "Заказ поставщику {number} в статусе «Черновик»: отправляется только утверждённый "
            "заказ.",
        ),
    ],
)
def test_sending_a_draft_purchase_order_is_refused_in_the_asked_language(
    api, draft_order, language, expected
):
    dave = make_user("dave", "procurement")
    answer = api(dave).post(
        f"/api/purchase-orders/{draft_order.pk}/send/", HTTP_ACCEPT_LANGUAGE=language
    )
    assert answer.status_code == 409
    assert answer.json()["detail"] == expected.format(number=draft_order.number)
    assert answer["Content-Language"] == language
    stored = PurchaseOrder.objects.get(pk=draft_order.pk)
    assert (stored.status, stored.sent_at) == (PurchaseOrder.Status.DRAFT, None)


def test_a_transfer_beyond_the_stock_is_refused_in_the_profiles_french(api, people):
    main = make_warehouse("WH1", name="Entrepôt de Lyon")
    annex = make_warehouse("WH2", name="Annexe")
    chair = make_product("CHAIR", name="Chaise en chêne")
    stock(chair, main, "1250.5")
    set_language(people.bob, "fr")
    client = api()
    client.login(username="bob", password=PASSWORD)  # no Accept-Language: the profile's
    moves = StockMove.objects.count()
    body = {"product": chair.pk, "source": main.pk, "destination": annex.pk, "quantity": "2000"}
    answer = client.post("/api/stock-transfers/", body)
    assert answer.status_code == 409
    assert _spaces(answer.json()["detail"]) == (
        "Seulement 1 250,5 de Chaise en chêne disponible(s) dans Entrepôt de Lyon, et non 2 000."
    )
    assert StockLevel.objects.get(product=chair, warehouse=main).on_hand == Decimal("1250.5")
    assert not StockLevel.objects.filter(warehouse=annex, on_hand__gt=0).exists()
    assert StockMove.objects.count() == moves


def test_a_bill_over_what_is_left_names_the_product_in_russian(api, draft_order):
    procurement.purchase_order_approve(order=draft_order)
    procurement.purchase_order_send(order=draft_order)
    dave = make_user("dave", "procurement")
    line = draft_order.lines.get()
    answer = api(dave).post(
        f"/api/purchase-orders/{draft_order.pk}/bills/",
        {"number": "NT-1", "lines": [{"line": line.pk, "quantity": 3}]},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert answer.status_code == 400
    assert answer.json()["errors"]["lines"] == [
        f"Строка 1: по {draft_order.number} осталось выставить только 2 товара «Oak top»."
    ]
    assert not draft_order.bills.exists()


@pytest.fixture
def lost_deal():
    funnel = make_funnel()
    deal = crm.deal_create(party=make_customer("Société Générale"), title="Dix bureaux")
    return crm.deal_move(deal=deal, stage=funnel["Lost"], lost_reason="No budget"), funnel


def test_moving_a_lost_deal_on_the_board_is_refused_in_french(lost_deal):
    deal, funnel = lost_deal
    alice = make_user("alice", "sales")
    set_language(alice, "fr")
    browser = Client()
    browser.login(username="alice", password=PASSWORD)
    page = browser.post(f"/deals/{deal.pk}/move/", {"stage": funnel["Won"].pk})
    assert page.status_code == 409
    said = "L’affaire « Dix bureaux » est déjà perdue : elle reste où elle est."
    assert escape(said) in page.content.decode()
    stored = Deal.objects.get(pk=deal.pk)
    assert (stored.status, stored.stage, stored.lost_reason) == (
        Deal.Status.LOST,
        funnel["Lost"],
        "No budget",
    )


def test_a_process_step_refused_by_a_service_is_told_in_every_language(lost_deal):
    deal, funnel = lost_deal
    move = get_connector("crm.move_deal")
    with pytest.raises(ConnectorError) as refused:
        move({"deal_id": deal.pk, "stage": "Proposal"}, data={})
    assert refused.value.code == "invalid_transition"
    assert refused.value.translations == {
        "en": "The deal “Dix bureaux” is already lost; it stays where it is.",
        "fr": "L’affaire « Dix bureaux » est déjà perdue : elle reste où elle est.",
        "ru": "Сделка «Dix bureaux» уже проиграна и остаётся на своём месте.",
    }
    assert Deal.objects.get(pk=deal.pk).stage == funnel["Lost"]
