"""A product's unit as written after a quantity, in the reader's language ("4 pcs",
« 4 pcs », "4 шт."); the unit's full name is Product.Unit's label."""

from django.utils.translation import pgettext_lazy

from processes.catalog.models import Product

Unit = Product.Unit

SYMBOLS = {
    Unit.PCS: pgettext_lazy("unit symbol", "pcs"),
    Unit.SET: pgettext_lazy("unit symbol", "sets"),
    Unit.BOX: pgettext_lazy("unit symbol", "boxes"),
    Unit.KG: pgettext_lazy("unit symbol", "kg"),
    Unit.G: pgettext_lazy("unit symbol", "g"),
    Unit.M: pgettext_lazy("unit symbol", "m"),
    Unit.M2: pgettext_lazy("unit symbol", "m²"),
    Unit.L: pgettext_lazy("unit symbol", "l"),
    Unit.ML: pgettext_lazy("unit symbol", "ml"),
    Unit.H: pgettext_lazy("unit symbol", "h"),
}


def unit_symbol(code: str) -> str:
    """The unit code ("pcs") as the reader's language abbreviates it."""
    symbol = SYMBOLS.get(code)
    return str(symbol) if symbol is not None else str(code or "")
