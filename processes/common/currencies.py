"""Currencies: a document in any ISO 4217 currency, with the rate to the company's.

A document's currency is its party's price list's, else the company's
(`HYPERCRM["COMPANY_CURRENCY"]`). A document in another currency stores the exchange rate
to the company currency at its date: the newest `ExchangeRate` record of that currency on
or before that day (rates are entered or imported as records, never looked up on the
network). Reports and KPIs convert with the rate each document stores (docs/taxes.md).
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import get_currency_name, list_currencies
from django.utils import formats
from django.utils.translation import gettext as _

from processes.common.errors import invalid
from processes.common.money import company_currency, currency_decimals

ONE = Decimal(1)


@dataclass(frozen=True)
class Conversion:
    """A document's currency and its rate: 1 unit of `currency` = `rate` company units."""

    currency: str
    rate: Decimal = ONE
    rate_date: date | None = None  # the day of the rate record used; None: the company's

    def fields(self) -> dict:
        return {
            "currency": self.currency,
            "exchange_rate": self.rate,
            "exchange_rate_date": self.rate_date,
        }


def is_currency(code: str) -> bool:
    """Whether `code` is an ISO 4217 currency code (as CLDR knows them)."""
    return isinstance(code, str) and code.upper() == code and code in list_currencies()


def check_currency(code: str, field: str = "currency") -> str:
    code = (code or "").strip().upper()
    if not is_currency(code):
        raise invalid(
            field,
            _("%(code)s is not an ISO 4217 currency code (EUR, USD, RUB …).")
            % {"code": code or "—"},
        )
    return code


def party_currency(party) -> str:
    """The currency of a party's documents: its price list's, else the company's."""
    if party is not None and getattr(party, "price_list_id", None):
        return party.price_list.currency
    return company_currency()


def quantum(currency: str) -> Decimal:
    """The smallest amount of the currency as the documents store it (0.01, 1 for JPY)."""
    return ONE.scaleb(-min(currency_decimals(currency), 2))


def conversion_on(currency: str, day: date) -> Conversion:
    """The conversion of a document in `currency` dated `day`; a currency without a rate
    on or before that day raises InvalidData naming it."""
    from processes.catalog.models import ExchangeRate

    currency = check_currency(currency)
    if currency == company_currency():
        return Conversion(currency)
    record = (
        ExchangeRate.objects.filter(currency=currency, day__lte=day)
        .order_by("-day")
        .values_list("rate", "day")
        .first()
    )
    if record is None:
        raise invalid(
            "currency",
            _(
                "No exchange rate of %(currency)s to %(company)s on or before %(date)s: "
                "enter one (Exchange rates) first."
            )
            % {
                "currency": currency,
                "company": company_currency(),
                "date": formats.date_format(day),
            },
        )
    return Conversion(currency, record[0], record[1])


def to_company(amount: Decimal, rate: Decimal) -> Decimal:
    """An amount of a document converted with its rate, rounded to the company currency."""
    return (Decimal(amount) * Decimal(rate)).quantize(
        quantum(company_currency()), rounding=ROUND_HALF_UP
    )


def currency_label(code: str, language: str = "en") -> str:
    return f"{code} — {get_currency_name(code, locale=language)}"
