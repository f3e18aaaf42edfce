"""A record repeating one that must be unique is refused in our words, naming the value,
in the reader's language, and nothing is stored (processes/common/duplicates.py)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from processes.catalog.models import ExchangeRate, Product
from processes.common.errors import InvalidData
from processes.common.updates import clean_and_save
from processes.crm.models import Tag
from processes.inventory.models import Warehouse
from processes.inventory.services import warehouse_create
from tests.processes.factories import make_product

pytestmark = pytest.mark.django_db

LAMP = {"sku": "LAMP-1", "name": "Lamp", "kind": "stocked", "list_price": "59.00"}


@pytest.mark.parametrize(
    ("language", "detail", "said"),
    [
        ("en", "The data is not valid.", "A product with the SKU “LAMP-1” already exists."),
        (
            "fr",
            "Les données ne sont pas valables.",
            "Un produit de référence « LAMP-1 » existe déjà.",
        ),
        ("ru", "Данные неверны.", "Товар с артикулом «LAMP-1» уже существует."),
    ],
)
def test_a_duplicate_sku_over_the_api_is_said_in_the_asked_language(
    api, people, language, detail, said
):
    make_product("LAMP-1", name="Lamp")
    answer = api(people.olga).post("/api/products/", LAMP, HTTP_ACCEPT_LANGUAGE=language)
    assert answer.status_code == 400
    assert answer.json() == {"detail": detail, "errors": {"sku": [said]}}
    assert list(Product.objects.values_list("sku", "name")) == [("LAMP-1", "Lamp")]


def test_a_duplicate_warehouse_code_is_said_in_russian():
    warehouse_create(code="WH1", name="Main")
    with translation.override("ru"), pytest.raises(InvalidData) as refused:
        warehouse_create(code="WH1", name="Shop")
    assert refused.value.errors == {"code": ["Склад с кодом «WH1» уже существует."]}
    assert list(Warehouse.objects.values_list("name", flat=True)) == ["Main"]


def test_a_tag_in_another_case_is_the_same_tag():
    Tag.objects.create(name="vip")
    with translation.override("fr"), pytest.raises(InvalidData) as refused:
        clean_and_save(Tag(name="VIP"))
    assert refused.value.errors == {"__all__": ["L’étiquette « VIP » existe déjà."]}
    assert list(Tag.objects.values_list("name", flat=True)) == ["vip"]


def test_a_second_rate_for_the_same_day_names_the_currency_and_the_day():
    day = datetime.date(2026, 12, 7)
    ExchangeRate.objects.create(currency="USD", day=day, rate=Decimal("0.92"))
    with translation.override("fr"), pytest.raises(InvalidData) as refused:
        clean_and_save(ExchangeRate(currency="USD", day=day, rate=Decimal("0.93")))
    assert refused.value.errors == {
        "__all__": ["Un taux USD pour le 7 décembre 2026 existe déjà ; modifiez plutôt celui-ci."]
    }
    assert list(ExchangeRate.objects.values_list("rate", flat=True)) == [Decimal("0.92000000")]
