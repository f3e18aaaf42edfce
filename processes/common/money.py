"""Money as people read it: the amount in the locale's format with its currency.

`format_money(Decimal("1234.56"), "EUR", "fr")` -> "1 234,56 €" (narrow no-break space),
`format_money(Decimal("1234.56"), "RUB", "ru")` -> "1 234,56 ₽". Babel's CLDR data knows
each locale's separators and symbols and each ISO 4217 currency's decimals (JPY 0, BHD 3).
"""

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import (
    NumberFormatError,
    format_currency,
    format_decimal,
    get_currency_precision,
    get_group_symbol,
    parse_decimal,
)
from django.conf import settings
from django.utils import translation


def company_currency() -> str:
    """The company's currency (ISO 4217): what its reports and KPIs are counted in."""
    return str(settings.HYPERCRM.get("COMPANY_CURRENCY", "EUR")).upper()


def currency_decimals(currency: str) -> int:
    """The number of decimals the currency is counted in (ISO 4217)."""
    return get_currency_precision(currency.upper())


def quantize(amount, currency: str) -> Decimal:
    """The amount rounded (half up) to the currency's decimals."""
    exponent = Decimal(1).scaleb(-currency_decimals(currency))
    return Decimal(amount).quantize(exponent, rounding=ROUND_HALF_UP)


def format_money(amount, currency: str, language: str | None = None, digits: bool = True) -> str:
    """The amount with its currency in the language's format (the active one by default);
    `digits=False` keeps all its decimals (an exchange rate: 0,91234 €)."""
    if amount is None or amount == "":
        return ""
    locale = translation.to_locale(language or translation.get_language() or "en")
    if not digits:
        return format_currency(
            Decimal(amount).normalize(),
            currency.upper(),
            locale=locale,
            currency_digits=False,
            decimal_quantization=False,
        )
    return format_currency(
        quantize(amount, currency), currency.upper(), locale=locale, currency_digits=True
    )


def format_number(number, language: str | None = None) -> str:
    """A number in the language's format: 1 234,5 in French, 1,234.5 in English; whole
    quantities without their decimals (12.000 -> 12)."""
    if number is None or number == "":
        return ""
    number = Decimal(number)
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    locale = translation.to_locale(language or translation.get_language() or "en")
    return format_decimal(number, locale=locale, decimal_quantization=False)


def parse_number(text: str, language: str | None = None) -> Decimal:
    """A number as a person types it in the language's format — "1 234,5" in French or
    Russian (any space as the group separator), "1,234.5" in English — or written plainly
    ("1234.5"). Raises ValueError when it is no number (or not a finite one)."""
    text = str(text).strip()
    try:
        number = Decimal(text)  # plain digits and a point: the same in every language
    except ArithmeticError:
        locale = translation.to_locale(language or translation.get_language() or "en")
        group = get_group_symbol(locale)
        if group.isspace():
            text = "".join(group if char.isspace() else char for char in text)
        try:
            number = parse_decimal(text, locale=locale, strict=True)
        except NumberFormatError as error:
            raise ValueError(str(error)) from None
    if not number.is_finite():
        raise ValueError(f"{text!r} is not a finite number")
    return number
