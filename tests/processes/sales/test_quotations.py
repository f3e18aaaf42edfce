from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from engine.exceptions import InvalidData
from processes.catalog import services as catalog
from processes.common.errors import InvalidTransition
from processes.sales import services
from processes.sales.models import Quotation, SalesOrder
from tests.processes.factories import make_customer, make_product, make_supplier

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def acme():
    return make_customer("Acme")


@pytest.fixture
def desk():
    return make_product("DESK", list_price=D("890.00"))


def quote(party, product, quantity=2, **extra):
    lines = [{"product": product, "quantity": quantity, **extra}]
    return services.quotation_create(party=party, lines=lines)


def test_a_quotation_is_priced_with_the_customers_prices(acme, desk):
    catalog.customer_price_set(party=acme, product=desk, price=D("799.00"))
    quotation = quote(acme, desk, 3, discount_percent=D("10"))
    line = quotation.lines.get()
    assert (line.unit_price, line.discount_percent, line.total) == (D("799.00"), 10, D("2157.30"))
    assert quotation.total == D("2157.30")
    assert quotation.number == f"QT-{quotation.pk:05d}"
    assert quotation.status == "draft"
    assert quotation.valid_until == timezone.localdate() + timedelta(days=30)


@pytest.mark.parametrize(
    "lines",
    [[], [{"product": 0, "quantity": 1}], [{"quantity": 0}], [{"quantity": "x"}]],
)
def test_bad_lines_are_refused_and_nothing_is_saved(acme, desk, lines):
    lines = [{"product": desk, **line} for line in lines]
    with pytest.raises(InvalidData) as refused:
        services.quotation_create(party=acme, lines=lines)
    assert "lines" in refused.value.errors
    assert not Quotation.objects.exists()


def test_only_active_customers_get_quotations(desk):
    with pytest.raises(InvalidData) as refused:
        quote(make_supplier(), desk)
    assert "party" in refused.value.errors


def test_send_makes_the_pdf_and_accept_leads_to_an_order(acme, desk):
    quotation = services.quotation_send(quotation=quote(acme, desk))
    assert quotation.status == "sent" and quotation.sent_at is not None
    assert quotation.pdf.name.endswith(".pdf")
    assert quotation.pdf.open("rb").read(5) == b"%PDF-"
    quotation = services.quotation_accept(quotation=quotation)
    order = services.order_create_from_quotation(quotation=quotation)
    assert (order.status, order.total, order.quotation) == ("draft", quotation.total, quotation)
    assert order.lines.get().unit_price == D("890.00")
    with pytest.raises(InvalidTransition):
        services.order_create_from_quotation(quotation=quotation)


def test_status_steps_are_refused_from_the_wrong_status(acme, desk):
    draft = quote(acme, desk)
    with pytest.raises(InvalidTransition) as refused:
        services.quotation_accept(quotation=draft)
    assert refused.value.status_code == 409
    with pytest.raises(InvalidTransition):
        services.order_create_from_quotation(quotation=draft)
    services.quotation_send(quotation=draft)
    with pytest.raises(InvalidTransition):
        services.quotation_send(quotation=draft)
    rejected = services.quotation_reject(quotation=draft, reason="Too dear")
    assert (rejected.status, rejected.rejection_reason) == ("rejected", "Too dear")
    with pytest.raises(InvalidTransition):
        services.quotation_accept(quotation=draft)


def test_quotations_past_their_date_expire_and_cannot_be_accepted(acme, desk):
    quotation = services.quotation_create(
        party=acme,
        lines=[{"product": desk, "quantity": 1}],
        valid_until=timezone.localdate() - timedelta(days=1),
    )
    services.quotation_send(quotation=quotation)
    with pytest.raises(InvalidTransition):
        services.quotation_accept(quotation=quotation)
    fresh = quote(acme, desk)
    assert services.quotations_expire() == 1
    assert Quotation.objects.get(pk=quotation.pk).status == "expired"
    assert Quotation.objects.get(pk=fresh.pk).status == "draft"


def test_a_draft_orders_quotation_copies_its_lines(acme, desk):
    order = services.order_create(party=acme, lines=[{"product": desk, "quantity": 2}])
    quotation = services.quotation_create_for_order(order=order)
    assert SalesOrder.objects.get(pk=order.pk).quotation == quotation
    assert quotation.total == order.total == D("1780.00")
    with pytest.raises(InvalidTransition):
        services.quotation_create_for_order(order=order)
    services.quotation_send(quotation=quotation)
    services.quotation_reject(quotation=quotation)
    with pytest.raises(InvalidTransition):
        services.order_confirm(order=order)


def test_rendering_again_replaces_the_pdf(acme, desk, django_capture_on_commit_callbacks):
    quotation = services.quotation_send(quotation=quote(acme, desk))
    first = quotation.pdf.name
    with django_capture_on_commit_callbacks(execute=True):
        services.quotation_render_pdf(quotation=quotation)
    storage = quotation.pdf.storage
    assert quotation.pdf.name != first
    assert storage.exists(quotation.pdf.name) and not storage.exists(first)
