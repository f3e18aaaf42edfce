"""The demo company in the language it is seeded in (settings.DEMO_LANGUAGE, from
HYPERCRM_DEMO_LANGUAGE): the English records of processes/demo/company.py with every name,
note and text in that language, prices in its currency, and its country's tax ids, phone
numbers and tax rates (processes/demo/languages/).

The English data stays the one source of the demo's shape; a language only renames it, so
the French and Russian demos have the same customers, orders and cases in flight.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from types import ModuleType
from typing import Any

from django.conf import settings

from processes.demo import company
from processes.demo.languages import fr, ru

LOCAL: dict[str, ModuleType] = {"fr": fr, "ru": ru}
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Demo:
    language: str
    currency: str
    country: str
    details: dict[str, str]
    tax_rates: list[tuple[str, Decimal, str]]
    names: dict[str, str] = field(default_factory=dict)
    price_factor: Decimal = Decimal("1")

    def __getattr__(self, name: str) -> Any:
        """Any record list of processes/demo/company.py, in this language."""
        if not name.isupper():
            raise AttributeError(name)
        return self.local(getattr(company, name))

    def local(self, value: Any) -> Any:
        """`value` (a name, or lists and tuples of them) in this language; prices scaled."""
        if isinstance(value, str):
            return self.names.get(value, value)
        if isinstance(value, (list, tuple, set)):
            return type(value)(self.local(item) for item in value)
        return value

    def price(self, amount: Decimal | None) -> Decimal | None:
        """An English price in this demo's currency (whole roubles, cents of euros)."""
        if amount is None or self.price_factor == 1:
            return amount
        return (amount * self.price_factor).quantize(CENT)

    @property
    def customers(self) -> list:
        rows = []
        for number, (name, kind, tax_id, contact, job, channels) in enumerate(company.CUSTOMERS):
            rows.append(
                (
                    self.local(name),
                    kind,
                    self._tax_id(tax_id, number + 1),
                    self.local(contact),
                    self.local(job),
                    [(k, self._channel(k, v)) for k, v in channels],
                )
            )
        return rows

    @property
    def suppliers(self) -> list:
        return [
            (self.local(name), self._tax_id(tax_id, 50 + number), self.local(contact),
             [(k, self._channel(k, v)) for k, v in channels])
            for number, (name, tax_id, contact, channels) in enumerate(company.SUPPLIERS)
        ]  # fmt: skip

    @property
    def customer_addresses(self) -> dict[str, tuple[str, str, str]]:
        """Each customer's billing address (street, postcode, town), by its name here."""
        module = LOCAL.get(self.language)
        streets = module.STREETS if module else company.CUSTOMER_STREETS
        return {
            self.local(row[0]): street
            for row, street in zip(company.CUSTOMERS, streets, strict=True)
        }

    def _tax_id(self, english: str, number: int) -> str:
        module = LOCAL.get(self.language)
        return module.tax_id(number) if module and english else english

    def _channel(self, kind: str, value: str) -> str:
        module = LOCAL.get(self.language)
        if module and kind in ("phone", "mobile"):
            return module.phone(value)
        return self.local(value)


def demo_company(language: str | None = None) -> Demo:
    """The demo company in `language` (default: the configured demo language)."""
    language = (language or getattr(settings, "DEMO_LANGUAGE", "en") or "en").lower()
    if language == "en":
        return Demo("en", company.CURRENCY, company.COUNTRY, company.DETAILS, company.TAX_RATES)
    if language not in LOCAL:
        raise ValueError(f"the demo company speaks en, fr or ru, not {language!r}")
    module = LOCAL[language]
    return Demo(
        language,
        module.CURRENCY,
        module.COUNTRY,
        module.DETAILS,
        module.TAX_RATES,
        names=module.NAMES,
        price_factor=module.PRICE_FACTOR,
    )
