"""Importing products with their prices from a CSV or XLSX file, all or nothing.

Every line is checked first (each problem named by its line and column); while any line
is wrong nothing is stored. A line whose SKU is already in the catalogue updates that
product (a blank cell keeps what it has); a new SKU adds one. A good file is stored in one
transaction with bulk writes. `dry_run` checks without storing.

Columns (a header line names them; `sku` is needed, and `name` for a new product):
sku, name, kind (stocked | manufactured | purchased), unit (pcs, kg, …), list_price,
standard_cost, weight_kg, tax_rate (its name), description, price_list (its name) and
price — the product's price on that list from one unit up.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from processes.catalog.models import PriceList, PriceListItem, Product, TaxRate
from processes.common.tables import (
    ImportProblem,
    ImportResult,
    decimal_cell,
    header_problems,
    read_table,
    too_long,
)

COLUMNS = [
    "sku",
    "name",
    "kind",
    "unit",
    "list_price",
    "standard_cost",
    "weight_kg",
    "tax_rate",
    "description",
    "price_list",
    "price",
]
KINDS = [choice.value for choice in Product.Kind]
UNITS = [choice.value for choice in Product.Unit]
# column → (decimal places, digits) of the model field it fills
AMOUNTS = {"list_price": (2, 14), "standard_cost": (2, 14), "weight_kg": (3, 10), "price": (2, 14)}
MAX_LINES = 50_000
BATCH = 1000


@dataclass
class ProductImportResult(ImportResult):
    updated: int = 0
    prices: int = 0
    existing: dict[str, int] = field(default_factory=dict)  # SKU → id, of those in the file


def _existing(skus: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(skus), BATCH):
        chunk = skus[start : start + BATCH]
        found.update(Product.objects.filter(sku__in=chunk).values_list("sku", "id"))
    return found


def check_products(header: list[str], rows: list[dict]) -> ProductImportResult:
    """Check every line; the result holds each line's fields as they would be stored (only
    the cells given), or the problems."""
    result = ProductImportResult(problems=header_problems(header, columns=COLUMNS, needed=["sku"]))
    if len(rows) > MAX_LINES:
        message = _("At most %(count)s lines at once.") % {"count": MAX_LINES}
        result.problems.append(ImportProblem(1, "", message))
    if result.problems:
        return result
    result.existing = _existing([row.get("sku", "") for row in rows if row.get("sku")])
    tax_rates = {t.name.lower(): t for t in TaxRate.objects.filter(is_active=True)}
    price_lists = {p.name.lower(): p for p in PriceList.objects.filter(is_active=True)}
    first_line: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        problems: list[ImportProblem] = []
        fields: dict = {}
        sku = row.get("sku", "")
        if not sku:
            problems.append(ImportProblem(number, "sku", _("A SKU is needed.")))
        elif len(sku) > 64:
            problems.append(ImportProblem(number, "sku", too_long(64)))
        elif sku in first_line:
            message = _("The SKU “%(sku)s” is already on line %(line)s.") % {
                "sku": sku,
                "line": first_line[sku],
            }
            problems.append(ImportProblem(number, "sku", message))
        else:
            first_line[sku] = number
        is_new = sku not in result.existing
        name = row.get("name", "")
        if name:
            fields["name"] = name
            if len(name) > 200:
                problems.append(ImportProblem(number, "name", too_long(200)))
        elif is_new:
            problems.append(ImportProblem(number, "name", _("A new product needs a name.")))
        for column, choices in (("kind", KINDS), ("unit", UNITS)):
            value = row.get(column, "").lower()
            if not value:
                continue
            if value in choices:
                fields[column] = value
            else:
                message = _("“%(value)s” is not one of: %(choices)s.") % {
                    "value": row[column],
                    "choices": ", ".join(choices),
                }
                problems.append(ImportProblem(number, column, message))
        for column, (places, digits) in AMOUNTS.items():
            if not row.get(column):
                continue
            amount = decimal_cell(row[column], places=places, digits=digits)
            if amount is None:
                message = _(
                    "“%(value)s” is not an amount of zero or more with at most %(places)s decimals."
                ) % {"value": row[column], "places": places}
                problems.append(ImportProblem(number, column, message))
            else:
                fields[column] = amount
        if row.get("tax_rate"):
            tax_rate = tax_rates.get(row["tax_rate"].lower())
            if tax_rate is None:
                message = _("No active tax rate is called “%(name)s”.") % {"name": row["tax_rate"]}
                problems.append(ImportProblem(number, "tax_rate", message))
            fields["tax_rate"] = tax_rate
        if row.get("description"):
            fields["description"] = row["description"]
        if row.get("price_list"):
            price_list = price_lists.get(row["price_list"].lower())
            if price_list is None:
                message = _("No active price list is called “%(name)s”.") % {
                    "name": row["price_list"]
                }
                problems.append(ImportProblem(number, "price_list", message))
            elif "price" not in fields and not row.get("price"):
                message = _("Give the price on the price list “%(name)s”.") % {
                    "name": price_list.name
                }
                problems.append(ImportProblem(number, "price", message))
            fields["price_list"] = price_list
        elif row.get("price"):
            message = _("Name the price list this price is on.")
            problems.append(ImportProblem(number, "price_list", message))
        result.problems += problems
        result.rows.append({"line": number, "sku": sku, "is_new": is_new, **fields})
    return result


PRODUCT_FIELDS = ["name", "kind", "unit", "list_price", "standard_cost", "weight_kg"]
PRODUCT_FIELDS += ["tax_rate", "description"]  # what a line may set


@transaction.atomic
def products_import(*, content: bytes | str, dry_run: bool = False) -> ProductImportResult:
    """Check the CSV or XLSX file and, when every line is right and it is no dry run, add
    the new products, update the known ones and set their price-list prices, all at once.
    Raises UnreadableFile."""
    result = check_products(*read_table(content))
    if not result.valid or dry_run:
        return result
    known = Product.objects.select_related("tax_rate").in_bulk(list(result.existing.values()))
    products = []
    for row in result.rows:
        given = {name: row[name] for name in PRODUCT_FIELDS if name in row}
        if row["is_new"]:
            products.append(Product(sku=row["sku"], **given))
        else:
            product = known[result.existing[row["sku"]]]
            kept = {name: getattr(product, name) for name in PRODUCT_FIELDS}
            products.append(Product(sku=row["sku"], **(kept | given)))
    # One upsert by SKU (INSERT … ON CONFLICT DO UPDATE): a known SKU's row takes the
    # values above, which are its own where the file left a cell blank.
    Product.objects.bulk_create(
        products,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["sku"],
        update_fields=[*PRODUCT_FIELDS, "updated_at"],
    )
    result.updated = len(known)
    result.created = len(result.rows) - result.updated
    result.prices = _set_prices([row for row in result.rows if "price_list" in row])
    return result


def _set_prices(rows: list[dict]) -> int:
    """Each line's price on its list from one unit up (quantity 0), added or replaced."""
    if not rows:
        return 0
    ids = _existing([row["sku"] for row in rows])
    PriceListItem.objects.bulk_create(
        [
            PriceListItem(
                price_list=row["price_list"],
                product_id=ids[row["sku"]],
                min_quantity=Decimal("0.000"),
                price=row["price"],
            )
            for row in rows
        ],
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["price_list", "product", "min_quantity"],
        update_fields=["price"],
    )
    return len(rows)
